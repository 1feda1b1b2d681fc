import type { MetadataRoute } from "next";

/** /manifest.webmanifest: what a phone's "Add to Home Screen" takes (name, colours, icons of public/, scripts/make-icons.ts). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Sightline",
    short_name: "Sightline",
    description: "One trace: service map, Gantt chart and logs on one time axis.",
    start_url: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#1e3a8a",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
    ],
  };
}
