# Build stage: native better-sqlite3 needs a compiler; TypeScript is compiled to dist/.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Without EVENTSTORE_URL / MONGODB_URL the API keeps its log and read models in SQLite files here;
# mount a volume at /app/data/store to keep them (data/reference, read-only, stays in the image).
ENV EVENTSTORE_PATH=/app/data/store/bitacora.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/data ./data
COPY --from=build /app/schema ./schema
# The embedded stores write as the unprivileged user the API runs as.
RUN mkdir -p /app/data/store && chown node:node /app/data/store
USER node
EXPOSE 4000
CMD ["node", "dist/src/cli/serve.js"]
