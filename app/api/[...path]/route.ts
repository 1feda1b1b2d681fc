/** Any /api path no route serves: a JSON 404 naming it (Next.js would answer with the HTML not-found page). */
import { errorBody } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

function unknownRoute(request: Request): Response {
  const path = new URL(request.url).pathname.slice(0, 120);
  return Response.json(errorBody("unknown_route", `path: no API route ${request.method} ${path}; see the README's HTTP API for the routes.`), { status: 404 });
}

export { unknownRoute as GET, unknownRoute as POST, unknownRoute as PUT, unknownRoute as PATCH, unknownRoute as DELETE };
