/** The incident page's evidence endpoints: GET /api/services/{name}/{breakdown|divergence|errors}?from&to. */
export const serviceEvidenceUrl = (service: string, what: "breakdown" | "divergence" | "errors", window: { from: number; to: number }, extra = "") =>
  `/api/services/${encodeURIComponent(service)}/${what}?from=${window.from}&to=${window.to}${extra}`;
