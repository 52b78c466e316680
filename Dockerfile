# Bokvar's Node services (workers, ui, and the one-shot setup) share this image.
FROM node:26-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY engine-rest ./engine-rest
COPY frister ./frister
COPY domain ./domain
COPY migrations ./migrations
COPY scripts ./scripts
COPY workers ./workers
COPY ui ./ui
COPY bpmn ./bpmn
USER node
CMD ["node", "--import", "tsx", "ui/main.ts"]
