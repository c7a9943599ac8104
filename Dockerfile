# Refugio as an image: built from the sources, run as a non-root user on a JRE only.
# Every setting a deployment must make is listed in README "Deploying" and in compose.yaml; the service refuses to
# start next to PostgreSQL while any development key or password is left at its published value.
# bench/two-nodes.sh runs this same jar with these same settings on a machine without a container engine.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY api-spec api-spec
COPY rules rules
COPY processes processes
COPY src/main src/main
RUN ./mvnw -q -B -DskipTests package && cp target/refugio-*.jar /refugio.jar

FROM eclipse-temurin:17-jre
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system refugio && useradd --system --gid refugio --home-dir /app refugio
WORKDIR /app
# Issue 14 item 5: the jar extracted with a class-data-sharing archive written by this image's own JVM
# (deploy/cds-archive.sh; BENCHMARKS.md has what it saves at start-up).
COPY --from=build /refugio.jar /tmp/refugio.jar
COPY deploy/cds-archive.sh /tmp/cds-archive.sh
COPY deploy/jvm.options /app/jvm.options
RUN /tmp/cds-archive.sh /tmp/refugio.jar /app && rm /tmp/refugio.jar /tmp/cds-archive.sh
USER refugio
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness || exit 1
# The heap and collector measured for this service (deploy/jvm.options); a larger heap: -e _JAVA_OPTIONS=-Xmx768m.
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:SharedArchiveFile=/app/refugio.jsa", "-jar", "/app/refugio.jar"]
