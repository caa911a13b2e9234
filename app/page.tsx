export default function Home() {
  return <main>Defender ADX Console</main>;
}
