# Bokvar's Node services (workers, ui, and the one-shot setup) share this image.
# docker-compose.yml picks the service by its command: node dist/ui/main.js,
# node dist/workers/main.js, node dist/scripts/provision.js.

# Build: every dependency (TypeScript, tsx), compiles to dist/ (npm run build, scripts/build.ts).
FROM node:26-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY engine-rest ./engine-rest
COPY frister ./frister
COPY domain ./domain
COPY migrations ./migrations
COPY workers ./workers
COPY ui ./ui
RUN npm run build

# Runtime: production dependencies only, the compiled JavaScript (with the files it
# reads beside it) and the models setup deploys. No TypeScript, no tsx at run time.
FROM node:26-slim
# tini as process 1: forwards SIGTERM to node (the workers then drain their tasks) and reaps children.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bpmn ./bpmn
# The code belongs to root and is read-only for the user that runs it.
USER node
EXPOSE 3000
# The UI's /halsa (engine and database, ui/halsa.ts). compose gives the workers their own check and setup none.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://localhost:' + (process.env.BOKVAR_UI_PORT || 3000) + '/halsa').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/ui/main.js"]
