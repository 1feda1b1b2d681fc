/**
 * What the image gives the deployment examples, from the Dockerfile's runtime stage (its last
 * FROM): ENV, the environment every container starts with before the manifest's own, and the
 * VOLUME paths.
 */
function runtimeStage(dockerfile: string): string[] {
  // Join continuation lines, drop comments.
  const lines = dockerfile
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const lastFrom = lines.findLastIndex((l) => /^FROM\s/i.test(l));
  if (lastFrom < 0) throw new Error("the Dockerfile has no FROM");
  return lines.slice(lastFrom + 1);
}

export function imageEnv(dockerfile: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of runtimeStage(dockerfile)) {
    const m = /^ENV\s+(.*)$/i.exec(line);
    if (!m) continue;
    for (const pair of m[1].matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env[pair[1]] = pair[2].replace(/^"|"$/g, "");
  }
  return env;
}

/** VOLUME ["/a", "/b"] and VOLUME /a /b. */
export function imageVolumes(dockerfile: string): string[] {
  return runtimeStage(dockerfile).flatMap((line) => {
    const m = /^VOLUME\s+(.*)$/i.exec(line);
    if (!m) return [];
    const v = m[1].trim();
    return v.startsWith("[") ? (JSON.parse(v) as string[]) : v.split(/\s+/);
  });
}
