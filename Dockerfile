# The ledger service image, built from the packaged jar:
#   ./mvnw -B -pl query-api -am package -DskipTests && docker build -t migration-ledger/query-api:0.1.0-SNAPSHOT .
# Base images are pinned to exact releases; bump them deliberately.

FROM eclipse-temurin:17.0.15_6-jre-jammy AS extract
WORKDIR /build
COPY query-api/target/query-api.jar query-api.jar
# Spring Boot's own extraction: starts faster than the nested jar and keeps dependencies in their own layer.
RUN java -Djarmode=tools -jar query-api.jar extract --destination extracted

FROM eclipse-temurin:17.0.15_6-jre-jammy
RUN groupadd --system --gid 10001 ledger \
 && useradd --system --uid 10001 --gid ledger --home-dir /var/lib/ledger --create-home --shell /usr/sbin/nologin ledger
COPY --from=extract /build/extracted/lib /app/lib
COPY --from=extract /build/extracted/query-api.jar /app/query-api.jar
# LEDGER_HOME holds the admin token and the log's signing key: one volume shared by every replica.
ENV LEDGER_HOME=/var/lib/ledger \
    SERVER_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
VOLUME /var/lib/ledger
USER ledger:ledger
EXPOSE 8080
# bash's /dev/tcp: the JRE image has no curl or wget, and a health check should not need a second JVM
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "-jar", "/app/query-api.jar"]
