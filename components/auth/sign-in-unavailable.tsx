import styles from "./auth.module.css";

/** Shown instead of the console when sign-in cannot start (identity provider unreachable, sign-in code not loaded). */
export function SignInUnavailable({ message, detail }: { message: string; detail?: string | undefined }) {
  return (
    <main id="main" className={styles.screen}>
      <section className={styles.card} aria-labelledby="auth-unavailable-title">
        <h1 id="auth-unavailable-title">Sign-in is unavailable</h1>
        <p role="alert">{message}</p>
        {detail ? <p className={styles.hint}>{detail}</p> : null}
      </section>
    </main>
  );
}
