#!/usr/bin/env bash
# HTTP load on the two samples with wrk: requests per second of /api/public (no token) and of
# /api/me (a bearer token validated on every request), and their ratio, for the MVC and the WebFlux
# sample in turn.
#
# Each sample runs without an issuer configured, so it starts its embedded development OpenID
# provider on http://127.0.0.1:9000; the token is a client-credentials token of the demo client.
#
# Usage (from anywhere): identity-benchmarks/wrk/run.sh
# Environment: THREADS (2), CONNECTIONS (32), DURATION (10s), WARMUP (10s), ROUNDS (3), PORT (8080),
#              STARTUP_TIMEOUT in seconds (90), SKIP_BUILD=1 to reuse built jars.
#
# A third measurement is the control: /api/public sent the same Authorization header, so that it
# reads the same request bytes as /api/me; what remains between the two is the token's validation
# and /api/me's larger answer (the claims).
#
# Both endpoints are warmed up twice, in turn, before anything is measured (the JIT compiles what
# both share while the first runs); then they are measured in ROUNDS alternating rounds and each
# endpoint's median is taken, so that a slow moment of the machine does not fall on one side only.
set -euo pipefail

THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"
ROUNDS="${ROUNDS:-3}"
PORT="${PORT:-8080}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-90}"
PROVIDER="${PROVIDER:-http://127.0.0.1:9000}"
VERSION="0.1.0-SNAPSHOT"
SAMPLES=(mvc webflux)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOGS="$(mktemp -d)"
APP_PID=""

log() {
	printf '%s\n' "$*" >&2
}

stop_sample() {
	if [[ -n "${APP_PID}" ]] && kill -0 "${APP_PID}" 2>/dev/null; then
		kill "${APP_PID}" 2>/dev/null || true
		for _ in $(seq 1 30); do
			kill -0 "${APP_PID}" 2>/dev/null || break
			sleep 1
		done
		kill -9 "${APP_PID}" 2>/dev/null || true
		wait "${APP_PID}" 2>/dev/null || true
	fi
	APP_PID=""
}

cleanup() {
	stop_sample
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_wrk() {
	if command -v wrk >/dev/null 2>&1; then
		return
	fi
	log "wrk not found: installing it with apt-get"
	local sudo=""
	if [[ "$(id -u)" -ne 0 ]]; then
		sudo="sudo"
	fi
	${sudo} apt-get update -qq
	${sudo} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}

# The value of a JSON string member, read without jq.
json_string() {
	local member="$1"
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import json, sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "${member}"
	else
		sed -n "s/.*\"${member}\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p"
	fi
}

wait_until_up() {
	local url="$1" deadline=$((SECONDS + STARTUP_TIMEOUT))
	until curl -fsS -o /dev/null "${url}" 2>/dev/null; do
		if ! kill -0 "${APP_PID}" 2>/dev/null; then
			log "the sample exited during start-up; its log:"
			tail -n 50 "${LOG_FILE}" >&2
			exit 1
		fi
		if ((SECONDS >= deadline)); then
			log "no answer from ${url} within ${STARTUP_TIMEOUT} s; the sample's log:"
			tail -n 50 "${LOG_FILE}" >&2
			exit 1
		fi
		sleep 1
	done
}

# wrk's "Requests/sec:" line, as a number.
requests_per_second() {
	awk '/^Requests\/sec:/ { print $2 }'
}

# Load an endpoint without measuring, so the JIT compiles its path.
warm_up() {
	local url="$1"
	shift
	wrk -t"${THREADS}" -c"${CONNECTIONS}" -d"${WARMUP}" "$@" "${url}" >/dev/null
}

# Run wrk once and print its requests per second.
load() {
	local url="$1"
	shift
	local output
	output="$(wrk -t"${THREADS}" -c"${CONNECTIONS}" -d"${DURATION}" "$@" "${url}")"
	printf '%s\n' "${output}" >&2
	if grep -q 'Non-2xx or 3xx responses' <<<"${output}"; then
		log "some responses to ${url} were not successful"
		exit 1
	fi
	local rate
	rate="$(requests_per_second <<<"${output}")"
	if [[ -z "${rate}" ]]; then
		log "could not read Requests/sec from wrk's output"
		exit 1
	fi
	printf '%s\n' "${rate}"
}

# The median of the numbers given as arguments.
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

install_wrk
command -v curl >/dev/null 2>&1 || { log "curl is needed"; exit 1; }

cd "${ROOT}"
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
	log "building the samples"
	./mvnw -B -q -pl identity-sample-mvc,identity-sample-webflux -am package -DskipTests
fi

declare -a ROWS=()
for sample in "${SAMPLES[@]}"; do
	jar="identity-sample-${sample}/target/identity-sample-${sample}-${VERSION}.jar"
	if [[ ! -f "${jar}" ]]; then
		log "${jar} is missing (build it, or run without SKIP_BUILD)"
		exit 1
	fi
	base="http://127.0.0.1:${PORT}"
	LOG_FILE="${LOGS}/${sample}.log"
	if curl -s -o /dev/null "${base}/" 2>/dev/null || curl -s -o /dev/null "${PROVIDER}/" 2>/dev/null; then
		log "port ${PORT} or the development provider's port is already in use: stop what listens there first"
		exit 1
	fi
	log "starting ${jar} on port ${PORT} (log: ${LOG_FILE})"
	java -jar "${jar}" --server.port="${PORT}" >"${LOG_FILE}" 2>&1 &
	APP_PID=$!
	wait_until_up "${base}/api/public"

	token="$(curl -fsS -u demo-client:demo-secret -d grant_type=client_credentials -d scope=notes.read \
		"${PROVIDER}/oauth2/token" | json_string access_token)"
	if [[ -z "${token}" ]]; then
		log "no access token from ${PROVIDER}/oauth2/token"
		exit 1
	fi
	status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${token}" "${base}/api/me")"
	if [[ "${status}" != "200" ]]; then
		log "${base}/api/me answered ${status} to the token, not 200"
		exit 1
	fi

	log "warming up /api/public and /api/me (2 x ${WARMUP} each)"
	for _ in 1 2; do
		warm_up "${base}/api/public"
		warm_up "${base}/api/me" -H "Authorization: Bearer ${token}"
	done
	public_rates=()
	header_rates=()
	me_rates=()
	for round in $(seq 1 "${ROUNDS}"); do
		log "round ${round}: wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} on /api/public, on /api/public with the header, on /api/me with the token"
		public_rates+=("$(load "${base}/api/public")")
		# The control: the same request bytes as /api/me's, the header ignored.
		header_rates+=("$(load "${base}/api/public" -H "Authorization: Bearer ${token}")")
		me_rates+=("$(load "${base}/api/me" -H "Authorization: Bearer ${token}")")
	done
	public_rate="$(median "${public_rates[@]}")"
	header_rate="$(median "${header_rates[@]}")"
	me_rate="$(median "${me_rates[@]}")"
	log "${sample}: /api/public ${public_rates[*]}; with the header ${header_rates[*]}; /api/me ${me_rates[*]} (req/s)"
	ratio="$(awk -v me="${me_rate}" -v public="${public_rate}" 'BEGIN { printf "%.2f", me / public }')"
	header_ratio="$(awk -v me="${me_rate}" -v header="${header_rate}" 'BEGIN { printf "%.2f", me / header }')"
	ROWS+=("| ${sample} | ${public_rate} | ${header_rate} | ${me_rate} | ${ratio} | ${header_ratio} |")

	stop_sample
done

printf '\n%s\n' "wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}, median of ${ROUNDS} alternating rounds after warm-up, $(nproc) CPU(s), $(java -version 2>&1 | head -n 1)"
printf '\n| sample | /api/public req/s | /api/public + header req/s | /api/me req/s | me / public | me / public + header |\n|---|---:|---:|---:|---:|---:|\n'
printf '%s\n' "${ROWS[@]}"
