/** One thing wrong in a deployment example: the file (relative to the repository) and what. */
export interface Problem {
  file: string;
  message: string;
}

export type Report = (message: string) => void;

/** A reporter that files every message under `file`. */
export function reporter(problems: Problem[], file: string): Report {
  return (message) => problems.push({ file, message });
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
