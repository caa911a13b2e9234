"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldValues, type Resolver, type UseFormProps } from "react-hook-form";
import type { z } from "zod";

/**
 * react-hook-form with a zod schema as its resolver: the form validates with the SAME schema the route handler
 * parses (from `lib/schemas`), so a value the form accepts is one the server accepts. Values are typed as the
 * schema's input; `handleSubmit` hands over the schema's output (normalised, e.g. `30s` → `00:00:30`).
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options?: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver">,
) {
  return useForm<z.input<S>, unknown, z.output<S>>({
    // Re-validate as the user types once a field was touched, so limit messages appear before anything is sent.
    mode: "onTouched",
    ...options,
    // zodResolver cannot infer through the generic S; the schema's own input/output types are the truth here.
    resolver: zodResolver(schema) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
  });
}
