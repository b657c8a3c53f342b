#!/usr/bin/env bash
# HTTP load on the two samples with wrk: requests per second of /api/public (no token) and of
# /api/me (a bearer token checked on every request: its signature verified once, then found in the
# validated-token cache), and their ratio, for the MVC and the WebFlux sample in turn.
#
# Each sample runs without an issuer configured, so it starts its embedded development OpenID
# provider on http://127.0.0.1:9000; the token is a client-credentials token of the demo client,
# taken afresh for every round (the provider's tokens live 5 minutes).
#
# Usage (from anywhere): identity-benchmarks/wrk/run.sh
# Environment: THREADS (1 when pinned, else 2), CONNECTIONS (16), DURATION (5s), WARMUP (10s),
#              ROUNDS (8), PORT (8080), STARTUP_TIMEOUT in seconds (90), PIN (1 on 2 or more CPUs),
#              SKIP_BUILD=1 to reuse built jars.
#
# Four endpoints are measured:
#   /api/public                       no token, a 43-byte answer;
#   /api/public with the header       the same request bytes as /api/me's, the header ignored;
#   /bench/me-without-validation      the control: /api/me's handler signature, request and answer,
#                                     without the starter's work (it validates the first token it
#                                     is sent and answers that token's claims from then on); it is
#                                     no part of the samples, and is added to them from this
#                                     module's classes on the class path and
#                                     --spring.main.sources;
#   /api/me                           the token checked on every request (after its first request, a
#                                     validated-token cache hit that re-checks exp, nbf and the key).
# /api/me against /api/public is the ratio the project's target names; /api/me against the control
# is what authentication alone costs, everything else being equal.
#
# With PIN=1 the sample runs on the second CPU this script may use and wrk on the first (taskset), so that the load generator does
# not take CPU time from the server it measures. Besides requests per second, the script reads the
# sample's CPU time (user + system, from /proc) around every run and reports the server's CPU time
# per request: on a shared virtual machine, whose speed varies from minute to minute, that figure is
# steadier than throughput.
#
# Every endpoint is warmed up twice, in turn, before anything is measured (the JIT compiles what
# they share while the first runs); then they are measured in ROUNDS rounds, each starting with the
# next endpoint, with a fresh token. Each ratio
# is taken within a round and the median of the rounds' ratios is reported with their range, so that
# a slow moment of the machine does not fall on one side only.
set -euo pipefail
# Numbers are read and sorted with "." as the decimal separator, whatever the user's locale.
export LC_ALL=C

CPUS="$(nproc)"
# The CPUs this script may run on (which need not start at 0), one per line.
allowed_cpus() {
	local list
	list="$(taskset -pc $$ | sed 's/.*: *//')"
	local range
	for range in ${list//,/ }; do
		if [[ "${range}" == *-* ]]; then
			seq "${range%-*}" "${range#*-}"
		else
			printf '%s\n' "${range}"
		fi
	done
}
if [[ -z "${PIN:-}" ]]; then
	PIN=0
	if ((CPUS >= 2)) && command -v taskset >/dev/null 2>&1; then
		PIN=1
	fi
fi
if [[ "${PIN}" == "1" ]]; then
	mapfile -t CPU_LIST < <(allowed_cpus)
	THREADS="${THREADS:-1}"
	LOAD_CPU=(taskset -c "${CPU_LIST[0]}")
	SERVER_CPU=(taskset -c "${CPU_LIST[1]}")
else
	THREADS="${THREADS:-2}"
	# A command that runs its arguments as they are, so that both cases read the same below.
	LOAD_CPU=(env)
	SERVER_CPU=(env)
fi
CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-5s}"
WARMUP="${WARMUP:-10s}"
ROUNDS="${ROUNDS:-8}"
PORT="${PORT:-8080}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-90}"
PROVIDER="${PROVIDER:-http://127.0.0.1:9000}"
VERSION="0.1.0-SNAPSHOT"
SAMPLES=(mvc webflux)
CONTROL_PATH="/bench/me-without-validation"
CLOCK_TICKS="$(getconf CLK_TCK)"

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

# A fresh client-credentials token of the demo client.
fresh_token() {
	local token
	token="$(curl -fsS -u demo-client:demo-secret -d grant_type=client_credentials -d scope=notes.read \
		"${PROVIDER}/oauth2/token" | json_string access_token)"
	if [[ -z "${token}" ]]; then
		log "no access token from ${PROVIDER}/oauth2/token"
		exit 1
	fi
	printf '%s\n' "${token}"
}

# The sample's CPU time so far (user + system), in clock ticks. The command name (field 2) may hold
# spaces, so the fields are counted after its closing parenthesis.
server_ticks() {
	local stat ticks
	stat="$(<"/proc/${APP_PID}/stat")"
	ticks="$(awk '{ print $12 + $13 }' <<<"${stat##*) }")"
	if [[ ! "${ticks}" =~ ^[0-9]+$ ]]; then
		log "could not read the sample's CPU time from /proc/${APP_PID}/stat"
		exit 1
	fi
	printf '%s\n' "${ticks}"
}

# Fail when wrk's output shows responses that were not 2xx, or socket errors (timeouts, resets),
# either of which would make the numbers describe something else than the endpoint.
check_wrk_output() {
	local url="$1" output="$2"
	if grep -q 'Non-2xx or 3xx responses' <<<"${output}"; then
		log "some responses to ${url} were not successful"
		exit 1
	fi
	if grep -q 'Socket errors' <<<"${output}"; then
		log "wrk saw socket errors on ${url}: $(grep 'Socket errors' <<<"${output}")"
		exit 1
	fi
}

# Run wrk once on a URL (further arguments go to wrk) and print "requests/s µs-of-server-CPU/request".
load() {
	local url="$1"
	shift
	local output before after requests rate
	before="$(server_ticks)"
	output="$("${LOAD_CPU[@]}" wrk -t"${THREADS}" -c"${CONNECTIONS}" -d"${DURATION}" "$@" "${url}")"
	after="$(server_ticks)"
	printf '%s\n' "${output}" >&2
	check_wrk_output "${url}" "${output}"
	rate="$(awk '/^Requests\/sec:/ { print $2 }' <<<"${output}")"
	requests="$(awk '/ requests in / { print $1 }' <<<"${output}")"
	if [[ -z "${rate}" || -z "${requests}" ]]; then
		log "could not read the requests from wrk's output"
		exit 1
	fi
	awk -v rate="${rate}" -v ticks="$((after - before))" -v hz="${CLOCK_TICKS}" -v n="${requests}" \
		'BEGIN { printf "%s %.1f\n", rate, ticks * 1000000 / hz / n }'
}

# Load a URL without measuring, so that the JIT compiles its path.
warm_up() {
	local url="$1"
	shift
	local output
	output="$("${LOAD_CPU[@]}" wrk -t"${THREADS}" -c"${CONNECTIONS}" -d"${WARMUP}" "$@" "${url}")"
	check_wrk_output "${url}" "${output}"
}

# The median of the numbers given as arguments.
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The ratios a[i] / b[i] of two arrays (given by name), one per round, as "median (min–max)".
round_ratios() {
	local -n numerators="$1" denominators="$2"
	local -a ratios=()
	local i
	for i in "${!numerators[@]}"; do
		ratios+=("$(awk -v a="${numerators[i]}" -v b="${denominators[i]}" 'BEGIN { printf "%.3f", a / b }')")
	done
	printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "**%.2f** (%.2f–%.2f)", m, v[1], v[NR] }'
}

install_wrk
command -v curl >/dev/null 2>&1 || { log "curl is needed"; exit 1; }
command -v jar >/dev/null 2>&1 || { log "the JDK's jar tool is needed on the PATH"; exit 1; }

cd "${ROOT}"
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
	log "building the samples and the control endpoints"
	./mvnw -B -q -P benchmarks -pl identity-sample-mvc,identity-sample-webflux,identity-benchmarks -am package -DskipTests
fi
CONTROLS_CLASSES="identity-benchmarks/target/classes"
if [[ ! -d "${CONTROLS_CLASSES}/dev/identity/benchmarks/wrk" ]]; then
	log "${CONTROLS_CLASSES} has no control endpoints (build it, or run without SKIP_BUILD)"
	exit 1
fi
# Only the control endpoints: every other class they need is in the sample's jar.
CONTROLS_DIR="${LOGS}/controls/"
mkdir -p "${CONTROLS_DIR}/dev/identity/benchmarks"
cp -r "${CONTROLS_CLASSES}/dev/identity/benchmarks/wrk" "${CONTROLS_DIR}/dev/identity/benchmarks/"

declare -a ROWS=() CPU_ROWS=()
for sample in "${SAMPLES[@]}"; do
	jar_file="identity-sample-${sample}/target/identity-sample-${sample}-${VERSION}.jar"
	if [[ ! -f "${jar_file}" ]]; then
		log "${jar_file} is missing (build it, or run without SKIP_BUILD)"
		exit 1
	fi
	if [[ "${sample}" == "mvc" ]]; then
		control_class="dev.identity.benchmarks.wrk.ServletMeControl"
	else
		control_class="dev.identity.benchmarks.wrk.ReactiveMeControl"
	fi
	base="http://127.0.0.1:${PORT}"
	LOG_FILE="${LOGS}/${sample}.log"
	if curl -s -o /dev/null "${base}/" 2>/dev/null || curl -s -o /dev/null "${PROVIDER}/" 2>/dev/null; then
		log "port ${PORT} or the development provider's port is already in use: stop what listens there first"
		exit 1
	fi
	# The development provider starts only from a build (never from a packaged jar): the sample
	# runs from its class directory, with the libraries of its jar and the control's classes.
	libs="${LOGS}/${sample}-libs"
	rm -rf "${libs}" && mkdir -p "${libs}"
	(cd "${libs}" && jar xf "${ROOT}/${jar_file}" BOOT-INF/lib)
	start_class="$(unzip -p "${jar_file}" META-INF/MANIFEST.MF | sed -n 's/^Start-Class: *//p' | tr -d '\r')"
	log "starting ${start_class} from identity-sample-${sample}/target/classes on port ${PORT}, with ${control_class} (log: ${LOG_FILE})"
	"${SERVER_CPU[@]}" java -cp "identity-sample-${sample}/target/classes:${libs}/BOOT-INF/lib/*:${CONTROLS_DIR}" \
		"${start_class}" \
		--server.port="${PORT}" --spring.main.sources="${control_class}" >"${LOG_FILE}" 2>&1 &
	APP_PID=$!
	wait_until_up "${base}/api/public"

	token="$(fresh_token)"
	for path in /api/me "${CONTROL_PATH}"; do
		status="$(curl -s -o "${LOGS}/answer" -w '%{http_code}' -H "Authorization: Bearer ${token}" "${base}${path}")"
		if [[ "${status}" != "200" ]]; then
			log "${base}${path} answered ${status} to the token, not 200"
			exit 1
		fi
		cp "${LOGS}/answer" "${LOGS}/answer-${path//\//_}"
	done
	if ! cmp -s "${LOGS}/answer-_api_me" "${LOGS}/answer-${CONTROL_PATH//\//_}"; then
		log "the control's answer differs from /api/me's"
		exit 1
	fi

	log "warming up the four endpoints (2 x ${WARMUP} each)"
	for _ in 1 2; do
		token="$(fresh_token)"
		warm_up "${base}/api/public"
		warm_up "${base}/api/public" -H "Authorization: Bearer ${token}"
		warm_up "${base}${CONTROL_PATH}" -H "Authorization: Bearer ${token}"
		warm_up "${base}/api/me" -H "Authorization: Bearer ${token}"
	done
	declare -a public_rates=() header_rates=() control_rates=() me_rates=()
	declare -a public_cpu=() header_cpu=() control_cpu=() me_cpu=()
	for round in $(seq 1 "${ROUNDS}"); do
		token="$(fresh_token)"
		# Each round starts one endpoint later than the one before, so that no endpoint always
		# follows the same other one (and inherits its garbage or the machine's drift).
		order=()
		for i in 0 1 2 3; do
			order+=("$(((i + round - 1) % 4))")
		done
		log "round ${round}: wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}, endpoints in the order ${order[*]} (0 /api/public, 1 with the header, 2 the control, 3 /api/me)"
		for endpoint in "${order[@]}"; do
			case "${endpoint}" in
			0)
				result="$(load "${base}/api/public")"
				read -r rate cpu <<<"${result}"
				public_rates+=("${rate}"); public_cpu+=("${cpu}")
				;;
			1)
				result="$(load "${base}/api/public" -H "Authorization: Bearer ${token}")"
				read -r rate cpu <<<"${result}"
				header_rates+=("${rate}"); header_cpu+=("${cpu}")
				;;
			2)
				result="$(load "${base}${CONTROL_PATH}" -H "Authorization: Bearer ${token}")"
				read -r rate cpu <<<"${result}"
				control_rates+=("${rate}"); control_cpu+=("${cpu}")
				;;
			3)
				result="$(load "${base}/api/me" -H "Authorization: Bearer ${token}")"
				read -r rate cpu <<<"${result}"
				me_rates+=("${rate}"); me_cpu+=("${cpu}")
				;;
			esac
		done
	done
	log "${sample} req/s: /api/public ${public_rates[*]}; with the header ${header_rates[*]}; control ${control_rates[*]}; /api/me ${me_rates[*]}"
	log "${sample} server CPU µs/request: /api/public ${public_cpu[*]}; with the header ${header_cpu[*]}; control ${control_cpu[*]}; /api/me ${me_cpu[*]}"
	# Each ratio is taken within a round, between runs minutes apart at most, and then the median of
	# the rounds' ratios is reported with their range: the machine's slow and fast moments cancel
	# within a round instead of deciding the comparison.
	ROWS+=("| ${sample} | $(median "${public_rates[@]}") | $(median "${header_rates[@]}") | $(median "${control_rates[@]}") | $(median "${me_rates[@]}") | $(round_ratios me_rates public_rates) | $(round_ratios me_rates header_rates) | $(round_ratios me_rates control_rates) |")
	CPU_ROWS+=("| ${sample} | $(median "${public_cpu[@]}") | $(median "${header_cpu[@]}") | $(median "${control_cpu[@]}") | $(median "${me_cpu[@]}") | $(round_ratios public_cpu me_cpu) | $(round_ratios header_cpu me_cpu) | $(round_ratios control_cpu me_cpu) |")

	stop_sample
done

pinning="wrk and the sample sharing the CPUs"
if [[ "${PIN}" == "1" ]]; then
	pinning="the sample on CPU ${CPU_LIST[1]}, wrk on CPU ${CPU_LIST[0]}"
fi
printf '\n%s\n' "wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}, ${ROUNDS} rounds after warm-up, each starting with the next endpoint; ${CPUS} CPU(s), ${pinning}; $(java -version 2>&1 | head -n 1)"
printf '%s\n' "Medians over the rounds; each ratio is the median of the rounds' ratios, with their range."
printf '\n%s\n' "Requests per second:"
printf '\n| sample | /api/public | /api/public + header | control | /api/me | me / public | me / public + header | me / control |\n|---|---:|---:|---:|---:|---:|---:|---:|\n'
printf '%s\n' "${ROWS[@]}"
printf '\n%s\n' "The sample's CPU time per request, in µs (ratios inverted, so that both tables read as a share of the other endpoint's capacity):"
printf '\n| sample | /api/public | /api/public + header | control | /api/me | public / me | public + header / me | control / me |\n|---|---:|---:|---:|---:|---:|---:|---:|\n'
printf '%s\n' "${CPU_ROWS[@]}"
