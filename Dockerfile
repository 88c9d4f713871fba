# syntax=docker/dockerfile:1
# Build: docker build -t frontline .
# Run:   docker run -p 8080:8080 -v frontline-data:/data -e FRONTLINE_API_TOKEN=… frontline

# ---- build stage: Swift 6.3 toolchain, release binary ----
FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libsqlite3-dev zlib1g-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve dependencies first so source edits do not refetch them.
COPY Package.swift Package.resolved* ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product frontline --static-swift-stdlib \
 && install -D "$(swift build -c release --show-bin-path)/frontline" /out/frontline

# ---- runtime stage: slim Debian with the two shared libraries ----
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libsqlite3-0 zlib1g ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin frontline \
 && mkdir -p /data && chown frontline /data
WORKDIR /app
COPY --from=build /out/frontline /usr/local/bin/frontline
COPY Public ./Public
COPY Config ./Config
ENV FRONTLINE_HOST=0.0.0.0 \
    FRONTLINE_PORT=8080 \
    FRONTLINE_DATABASE=/data/frontline.sqlite
VOLUME ["/data"]
EXPOSE 8080
USER frontline
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["frontline"]
CMD ["serve"]
