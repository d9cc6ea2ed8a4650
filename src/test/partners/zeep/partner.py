"""A partner's program on Python zeep (Debian python3-zeep 4.2), run by ZeepClientStackIT against the test hub.

The client is built from the WSDL the hub serves. PasswordText UsernameToken (with a wsu:Timestamp when asked);
the report PDF asked inline (?inline=true on the endpoint address), saved for the test to check its signature.
Prints one line per check: "OK ..." or "FAIL ..." (docs/partners/client-stacks.md).
Arguments: hub base address, input JSON (degree, attachments), output directory, "timestamp" or "plain".
"""
import base64
import datetime
import json
import os
import sys

from zeep import Client
from zeep.exceptions import Fault
from zeep.wsse.username import UsernameToken
from zeep.wsse.utils import WSU

TYPES = "{urn:degreehub:types:v1}"
BINDING = "{urn:degreehub:verification:v1}DegreeVerificationBinding"

base, input_path, out_dir, mode = sys.argv[1:5]
with open(input_path, encoding="utf-8") as f:
    data = json.load(f)
failures = 0


def fail(what):
    global failures
    failures += 1
    print("FAIL " + what, flush=True)


def ok(what):
    print("OK " + what, flush=True)


def token(user, password):
    if mode != "timestamp":
        return UsernameToken(user, password)
    now = datetime.datetime.now(datetime.timezone.utc)
    timestamp = WSU.Timestamp()
    timestamp.append(WSU.Created(now.strftime("%Y-%m-%dT%H:%M:%SZ")))
    timestamp.append(WSU.Expires((now + datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")))
    return UsernameToken(user, password, timestamp_token=timestamp)


def service(user, password, query=""):
    client = Client(base + "/services/verification?wsdl", wsse=token(user, password))
    return client.create_service(BINDING, base + "/services/verification" + query)


def fault_code(fault):
    code = fault.detail.find(".//" + TYPES + "code") if fault.detail is not None else None
    return None if code is None else code.text


portal = service("portal", "portal-pass")
degree = data["degree"]
attachments = [{"kind": a["kind"], "fileName": a["fileName"], "contentType": a["contentType"],
                "content": base64.b64decode(a["content"])} for a in data["attachments"]]
try:
    answer = portal.submitApplication(requestId="zeep-" + mode + "-" + data["suffix"],
                                      applicant={"name": degree["holderName"], "idType": degree["idType"],
                                                 "idNumber": degree["idNumber"], "phone": "13800138000"},
                                      degree=degree, languages=["ZH"], attachment=attachments)
    if answer.status == "COMPLETED" and answer.reportNo:
        ok("op submitApplication status=COMPLETED report=" + answer.reportNo)
    else:
        fail("op submitApplication: status " + str(answer.status))
    status = portal.getApplicationStatus(applicationNo=answer.applicationNo)
    if status.reportNo == answer.reportNo and len(status.history) > 0:
        ok("op getApplicationStatus history=%d" % len(status.history))
    else:
        fail("op getApplicationStatus: " + str(status.reportNo))
    report = service("portal", "portal-pass", "?inline=true").getReport(reportNo=answer.reportNo, language="ZH")
    path = os.path.join(out_dir, "report-zeep-" + mode + ".pdf")
    with open(path, "wb") as f:
        f.write(report.pdf)
    ok("op getReport verificationCode=" + report.verificationCode)
    print("PDF " + path, flush=True)
    verified = portal.verifyReport(verificationCode=report.verificationCode)
    if verified.reportStatus == "VALID" and verified.reportNo == answer.reportNo:
        ok("op verifyReport reportStatus=VALID")
    else:
        fail("op verifyReport: " + str(verified.reportStatus))
    query = portal.queryDegree(certificateNumber=degree["certificateNumber"], holderName=degree["holderName"])
    if query.found:
        ok("op queryDegree found")
    else:
        fail("op queryDegree: " + str(query.reason))
except Fault as f:
    fail("unexpected fault %s: %s" % (fault_code(f), f.message))

try:
    portal.getApplicationStatus(applicationNo="ZZ000000000000")
    fail("fault NOT_FOUND: no fault")
except Fault as f:
    if fault_code(f) == "NOT_FOUND":
        ok("fault NOT_FOUND | " + f.message)
    else:
        fail("fault NOT_FOUND: got %s" % fault_code(f))
try:
    service("portal", "wrong-pass").getApplicationStatus(applicationNo="ZZ000000000000")
    fail("fault UNAUTHENTICATED: no fault")
except Fault as f:
    if fault_code(f) == "UNAUTHENTICATED":
        ok("fault UNAUTHENTICATED | " + f.message)
    else:
        fail("fault UNAUTHENTICATED: got %s" % fault_code(f))
print("END failures=%d" % failures, flush=True)
sys.exit(0 if failures == 0 else 1)
