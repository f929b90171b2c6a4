#!/usr/bin/env bash
# Browser test of the HTML view (docs/html.md). Renders the seed sample's page with the
# release binary and opens it in Debian's headless Chromium:
#
#   1. size: the page is under 100 KB;
#   2. screenshots at 1280 px (desktop) and 390 px (phone) wide are not blank
#      (.ci/png_check.py decodes each PNG and counts colours and rows with ink);
#   3. console: Chromium runs with --enable-logging=stderr, which logs every console
#      message of the page (errors, uncaught exceptions, CSP violations, and plain
#      console.log alike) as a `:CONSOLE` line; the page must log nothing, so any such
#      line fails;
#   4. the page's own script ran: --dump-dom shows the tool bar it unhides;
#   5. network: Chromium's net log (--log-net-log) must hold no request made for the
#      file:// page (Chromium's own background requests are told apart by their network
#      isolation key; --host-resolver-rules resolves every name to nothing, so no request
#      of any kind leaves the machine);
#   6. layout, measured in the page by a probe script added to a copy of it: at 375 and
#      390 px wide nothing is wider than the window, inline, side by side and with all
#      unchanged sentences unfolded; the tool bar's buttons switch every diff; every
#      #anchor link has its target;
#   7. the HTML validates offline: the Nu Html Checker (vnu.jar, from npm's vnu-jar, run
#      on Java) with warnings as errors, and html-validate (npm), both installed into
#      target/ci-tools.
#
# What it needs is installed when missing (Chromium and fonts, Java and npm with apt-get,
# which needs root as in CI; the validators with npm).
#
# Options:
#   --bin PATH     use this newsdiff binary instead of building the release one
#   --no-install   install nothing; skip the validators when they are not there
#                  (what `cargo test` uses, see tests/integration/html.rs)
#   --no-validate  skip step 7
#   --shots DIR    keep the screenshots in DIR
#   --docs         write docs/screenshots/ anew (page at both widths, and the terminal
#                  view rendered with aha)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BIN="" INSTALL=1 VALIDATE=1 SHOTS="" DOCS=0
while [ $# -gt 0 ]; do
    case "$1" in
    --bin) BIN=$2; shift ;;
    --no-install) INSTALL=0 ;;
    --no-validate) VALIDATE=0 ;;
    --shots) SHOTS=$2; shift ;;
    --docs) DOCS=1 ;;
    *) echo "browser-test: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

APT_UPDATED=0
apt_install() {
    if [ "$INSTALL" = 0 ]; then
        return 1
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "browser-test: need root to apt-get install $*" >&2
        exit 1
    fi
    if [ "$APT_UPDATED" = 0 ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    echo "== apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

CHROMIUM=$(command -v chromium || true)
if [ -z "$CHROMIUM" ]; then
    apt_install chromium fonts-dejavu-core || { echo "skipped: chromium not installed"; exit 0; }
    CHROMIUM=$(command -v chromium)
fi
if ! fc-list 2>/dev/null | grep -i dejavu >/dev/null; then
    apt_install fonts-dejavu-core || true
fi

if [ -z "$BIN" ]; then
    echo "== cargo build --release"
    cargo build --release --quiet
    TARGET=$(cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    BIN=$TARGET/release/newsdiff
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SEED=samples/newssniffer-nyt-aleppo-v2-v3.txt
PAGE=$WORK/seed.html
# Each check ends in exactly one of these; the tally is the last line.
PASSED=0 FAILED=0 SKIPPED=0
pass() { PASSED=$((PASSED + 1)); }
fail() {
    echo "FAIL: $*"
    FAILED=$((FAILED + 1))
}
skip() {
    echo "skipped: $*"
    SKIPPED=$((SKIPPED + 1))
}

# One Chromium run: a fresh profile, no network, every console message on stderr.
chrome() {
    local log=$1 profile
    shift
    profile=$(mktemp -d "$WORK/profile.XXXX")
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --hide-scrollbars --user-data-dir="$profile" \
        "--host-resolver-rules=MAP * ~NOTFOUND" --enable-logging=stderr --v=0 \
        "$@" 2>"$log"
}

echo "== newsdiff $SEED --format html"
"$BIN" "$SEED" --format html -o "$PAGE"
SIZE=$(wc -c <"$PAGE")
echo "page: $SIZE bytes"
if [ "$SIZE" -lt 100000 ]; then pass; else fail "the seed page is $SIZE bytes, not under 100 KB"; fi

echo "== screenshots"
mkdir -p "$WORK/shots"
for shot in desktop:1280,1600 phone:390,1600; do
    name=${shot%%:*} size=${shot#*:}
    chrome "$WORK/$name.log" --log-net-log="$WORK/$name.netlog.json" \
        --screenshot="$WORK/shots/seed-$name.png" --window-size="$size" "file://$PAGE" \
        >/dev/null || fail "chromium failed on the $name screenshot"
done
if python3 .ci/png_check.py "$WORK"/shots/*.png; then pass; else fail "a screenshot is blank"; fi

echo "== the page's script, layout and links (a probe script in a copy of the page)"
PROBE='<script>(function(){var d=document,e=d.documentElement,r={};
function over(){return e.scrollWidth-e.clientWidth;}
function all(s,f){return [].every.call(d.querySelectorAll(s),f);}
r.script=!d.getElementById("tools").hidden;
r.inline=over();
d.getElementById("t-side").click();
r.side_shown=all(".diff .side",function(x){return getComputedStyle(x).display!=="none";})
 &&all(".diff .inline",function(x){return getComputedStyle(x).display==="none";});
r.side=over();
d.getElementById("t-open").click();
r.unfolded=all("details.el",function(x){return x.open;});
r.side_unfolded=over();
d.getElementById("t-side").click();
r.inline_unfolded=over();
r.missing_targets=[].filter.call(d.querySelectorAll("a[href^=\"#\"]"),function(a){
 return !d.getElementById(a.getAttribute("href").slice(1));}).length;
d.body.setAttribute("data-probe",JSON.stringify(r));})();</script>'
python3 - "$PAGE" "$WORK/probe.html" "$PROBE" <<'EOF'
import sys
page, out, probe = sys.argv[1:4]
html = open(page, encoding="utf-8").read()
assert html.count("</body>") == 1
open(out, "w", encoding="utf-8").write(html.replace("</body>", probe + "\n</body>"))
EOF
for width in 375 390 1280; do
    chrome "$WORK/probe-$width.log" --window-size="$width,900" --dump-dom \
        "file://$WORK/probe.html" >"$WORK/probe-$width.dom" || echo "chromium failed on the probe at $width px"
    if python3 - "$WORK/probe-$width.dom" "$width" <<'EOF'; then pass; else FAILED=$((FAILED + 1)); fi
import html, json, re, sys
dom, width = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
m = re.search(r'data-probe="([^"]*)"', dom)
if not m:
    print(f"FAIL: {width} px: the probe did not run (no data-probe in the DOM)")
    sys.exit(1)
r = json.loads(html.unescape(m.group(1)))
print(f"{width} px: {json.dumps(r, sort_keys=True)}")
bad = []
if not r["script"]:
    bad.append("the page's script did not unhide the tool bar")
for k in ("inline", "side", "side_unfolded", "inline_unfolded"):
    if r[k] > 0:
        bad.append(f"{k}: the page is {r[k]} px wider than the window")
if not r["side_shown"]:
    bad.append("'Side by side everywhere' did not switch every diff")
if not r["unfolded"]:
    bad.append("'Unfold all' did not open every fold")
if r["missing_targets"]:
    bad.append(f"{r['missing_targets']} #links have no target")
for b in bad:
    print(f"FAIL: {width} px: {b}")
sys.exit(1 if bad else 0)
EOF
done

echo "== console"
if grep -h ':CONSOLE' "$WORK"/*.log; then
    fail "the page wrote to the console (lines above)"
else
    echo "console: no messages from the page in $(ls "$WORK"/*.log | wc -l) Chromium runs"
    pass
fi

echo "== network"
if python3 - "$WORK"/*.netlog.json <<'EOF'; then pass; else FAILED=$((FAILED + 1)); fi
import json, sys
bad = 0
for path in sys.argv[1:]:
    log = json.load(open(path))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    mine = [e["params"]["url"] for e in log["events"]
            if e["type"] == start and "file://" in e["params"].get("network_isolation_key", "")]
    others = sum(1 for e in log["events"] if e["type"] == start) - len(mine)
    print(f"{path.rsplit('/', 1)[-1]}: {len(mine)} requests by the page "
          f"({others} of Chromium's own, resolved to nothing)")
    for url in mine:
        print(f"FAIL: the page requested {url}")
        bad += 1
sys.exit(1 if bad else 0)
EOF

if [ "$VALIDATE" = 1 ]; then
    echo "== validators"
    TOOLS=${NEWSDIFF_CI_TOOLS:-$ROOT/target/ci-tools}
    VNU=$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar
    HV=$TOOLS/node_modules/.bin/html-validate
    if [ ! -f "$VNU" ] || [ ! -x "$HV" ]; then
        if [ "$INSTALL" = 1 ]; then
            command -v npm >/dev/null || apt_install npm
            mkdir -p "$TOOLS"
            echo "== npm install vnu-jar html-validate (into $TOOLS)"
            (cd "$TOOLS" && npm install --no-save --no-audit --no-fund --ignore-scripts \
                --loglevel=error vnu-jar@26.9.27 html-validate@10.17.0 >/dev/null)
        fi
    fi
    if [ -f "$VNU" ] && { command -v java >/dev/null || apt_install default-jre-headless; }; then
        java -version 2>&1 | head -1
        if java -jar "$VNU" --Werror --also-check-css "$PAGE"; then
            echo "vnu $(java -jar "$VNU" --version): no errors, no warnings"
            pass
        else
            fail "the Nu Html Checker found problems (above)"
        fi
    else
        skip "the Nu Html Checker (vnu.jar or Java missing)"
    fi
    if [ -x "$HV" ]; then
        if "$HV" --config .ci/html-validate.json "$PAGE"; then
            echo "html-validate $("$HV" --version | sed 's/^html-validate-//'): no problems"
            pass
        else
            fail "html-validate found problems (above)"
        fi
    else
        skip "html-validate (not installed)"
    fi
else
    skip "the validators (--no-validate)"
fi

if [ -n "$SHOTS" ]; then
    mkdir -p "$SHOTS"
    cp "$WORK"/shots/*.png "$SHOTS"/
fi

if [ "$DOCS" = 1 ]; then
    echo "== docs/screenshots"
    DOCS_DIR=$ROOT/docs/screenshots
    mkdir -p "$DOCS_DIR"
    chrome "$WORK/docs-desktop.log" --screenshot="$DOCS_DIR/seed-desktop.png" \
        --window-size=1280,1500 "file://$PAGE" >/dev/null
    chrome "$WORK/docs-phone.log" --screenshot="$DOCS_DIR/seed-phone.png" \
        --window-size=390,1500 "file://$PAGE" >/dev/null
    # The side-by-side view: the same page with the other switch checked.
    sed 's/ class="vi" checked>/ class="vi">/; s/ class="vs">/ class="vs" checked>/' \
        "$PAGE" >"$WORK/side.html"
    chrome "$WORK/docs-side.log" --screenshot="$DOCS_DIR/seed-side-by-side.png" \
        --window-size=1280,1200 "file://$WORK/side.html" >/dev/null
    # The terminal view, colours and all, through aha (ANSI to HTML).
    command -v aha >/dev/null || apt_install aha
    "$BIN" "$SEED" --color always |
        aha --black --title "newsdiff $SEED" >"$WORK/terminal.html"
    sed -i 's|</head>|<style>body{margin:0;padding:14px 18px;font:14px/1.45 "DejaVu Sans Mono",monospace}pre{margin:0;white-space:pre-wrap}</style></head>|' \
        "$WORK/terminal.html"
    chrome "$WORK/docs-terminal.log" --screenshot="$DOCS_DIR/seed-terminal.png" \
        --window-size=1000,1300 "file://$WORK/terminal.html" >/dev/null
    if python3 .ci/png_check.py "$DOCS_DIR"/*.png; then pass; else fail "a docs screenshot is blank"; fi
fi

echo "browser-test: $PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" = 0 ]
