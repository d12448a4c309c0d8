"use client";
import { useState } from "react";

/**
 * A journey step's field errors and how many times it has been checked. The count keys the error
 * summary (see StepLayout), so every failed Continue remounts it and focus moves to it again.
 */
export function useStepErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  /** What a check found (nothing = passed); true when it passed. */
  const report = (found: Record<string, string>): boolean => {
    setErrors(found);
    setAttempt((n) => n + 1);
    return Object.keys(found).length === 0;
  };
  return { errors, attempt, report, clear: () => setErrors({}), hasErrors: Object.keys(errors).length > 0 };
}
