# Writes bridge-and-other.warc(.gz) (one gzip member per record) by hand, no WARC library; run it in this folder.
import gzip, uuid, io
A = "https://example-news.test/bridge"
B = "https://example-news.test/other"
snap = open('../field-cases/wayback-snapshots/snap1.html','rb').read()
def page(cost): return snap.replace(b'$2 million', cost)
def http(status, body, extra=b'', ctype=b'text/html; charset=utf-8'):
    reason = {200: b'OK', 301: b'Moved Permanently'}[status]
    h = b'HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n%sServer: test\r\n\r\n' % (status, reason, ctype, len(body), extra)
    return h + body
def rec(wtype, date, uri, block, ctype):
    hdr = [b'WARC/1.1', b'WARC-Type: ' + wtype, b'WARC-Record-ID: <urn:uuid:%s>' % str(uuid.uuid4()).encode(), b'WARC-Date: ' + date]
    if uri: hdr.append(b'WARC-Target-URI: ' + uri)
    hdr += [b'Content-Type: ' + ctype, b'Content-Length: %d' % len(block)]
    return b'\r\n'.join(hdr) + b'\r\n\r\n' + block + b'\r\n\r\n'
RESP = b'application/http; msgtype=response'
gz_body = gzip.compress(page(b'$4 million'))
records = [
    rec(b'warcinfo', b'2017-01-18T09:59:00Z', None, b'software: hand-written\r\nformat: WARC File Format 1.1\r\n', b'application/warc-fields'),
    rec(b'request', b'2017-01-18T16:00:00Z', A.encode(), b'GET /bridge HTTP/1.1\r\nHost: example-news.test\r\n\r\n', b'application/http; msgtype=request'),
    # out of capture order on purpose: 16:00 first, then 10:00
    rec(b'response', b'2017-01-18T16:00:00Z', A.encode(), http(200, page(b'$3 million')), RESP),
    rec(b'response', b'2017-01-18T12:00:00Z', B.encode(), http(200, b'<html><head><title>Other</title></head><body><p>Other page</p></body></html>'), RESP),
    rec(b'response', b'2017-01-18T10:00:00Z', A.encode(), http(200, page(b'$2 million')), RESP),
    # WARC/1.1 fractional seconds, URI in <> as WARC/1.0 tools (wget) wrote it, gzip content-encoding
    rec(b'response', b'2017-01-19T08:00:00.250Z', b'<' + A.encode() + b'>', http(200, gz_body, b'Content-Encoding: gzip\r\n'), RESP),
    # chunked transfer encoding, as wget stores the raw bytes
    rec(b'response', b'2017-01-18T20:00:00Z', A.encode(), (lambda b: b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n' + b'%x\r\n' % 100 + b[:100] + b'\r\n' + b'%x\r\n' % (len(b)-100) + b[100:] + b'\r\n0\r\n\r\n')(page(b'$3.5 million')), RESP),
    # a redirect for the same URL: not a revision
    rec(b'response', b'2017-01-19T09:00:00Z', A.encode(), http(301, b'', b'Location: https://example-news.test/bridge-closed\r\n'), RESP),
]
open('bridge-and-other.warc', 'wb').write(b''.join(records))
with open('bridge-and-other.warc.gz', 'wb') as f:
    for r in records:
        f.write(gzip.compress(r))  # one gzip member per record, as crawlers write .warc.gz
print('ok', len(records))
