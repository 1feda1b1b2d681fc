# syntax=docker/dockerfile:1
# Sightline's image: the standalone server on Node 24, non-root, the embedded store on /data.
# The folder it ships is made by scripts/build-standalone.sh, the script npm test runs and tests
# (e2e/standalone.spec.ts, on the machine's Node and on Node 24): the image and CI cannot drift.
#
#   docker build -t sightline --build-arg SIGHTLINE_BUILD_LABEL="$(git rev-parse --short HEAD)" .
#   docker run -p 3000:3000 -v sightline-data:/data -e AUTH_MODE=basic -e AUTH_BASIC_USER=sre \
#     -e AUTH_BASIC_PASSWORD=… sightline
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles its addon when no prebuilt one can be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY scripts/ensure-native.sh scripts/
RUN npm ci --no-audit --no-fund && bash scripts/ensure-native.sh
COPY . .
# A label shown in the header (e.g. the commit). Build arguments are visible in the image's
# history: never pass a secret this way (none is needed to build).
ARG SIGHTLINE_BUILD_LABEL=""
RUN NEXT_PUBLIC_SIGHTLINE_BUILD_LABEL="$SIGHTLINE_BUILD_LABEL" bash scripts/build-standalone.sh

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Only the standalone folder: server.js, the traced production node_modules (with the addon built
# for this Node), .next and public. Owned by root, so the server cannot rewrite itself.
COPY --from=build /src/.next/standalone /app
RUN mkdir -p /data && chown node:node /data
# /tmp is a volume too (SQLite's temporary files), so a read-only root file system keeps it writable:
# ECS Fargate gives a task volume mounted on a VOLUME path that path's contents and permissions
# (root-owned 0755 otherwise); Kubernetes mounts an emptyDir there (deploy/).
VOLUME ["/data", "/tmp"]
# The image's own user "node" (uid 1000).
USER node
EXPOSE 3000
# Liveness: the process answers (always open, whatever AUTH_MODE). Readiness is /api/ready.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop, Kubernetes, ECS) shuts down gracefully: see README, Runtime.
STOPSIGNAL SIGTERM
# V8's default young generation, as scripts/start.sh says why.
CMD ["node", "server.js"]
