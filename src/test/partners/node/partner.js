// A partner's program on node soap (npm soap 1.13), run by NodeSoapClientStackIT against the test hub.
// The client is built from the WSDL the hub serves; WS-Security by soap.WSSecurity with PasswordText (and its
// default wsu:Timestamp unless "plain" is asked); the report PDF asked inline (?inline=true on the endpoint address)
// and saved for the test to check its signature. Prints one line per check: "OK ..." or "FAIL ..."
// (docs/partners/client-stacks.md).
// Arguments: hub base address, input JSON (degree, attachments), output directory, "timestamp" or "plain".
'use strict';
const fs = require('fs');
const path = require('path');
const soap = require('soap');

const [base, inputPath, outDir, mode] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
let failures = 0;
const ok = (what) => console.log('OK ' + what);
const fail = (what) => { failures++; console.log('FAIL ' + what); };

async function service(user, password, query = '') {
  const client = await soap.createClientAsync(base + '/services/verification?wsdl',
    { endpoint: base + '/services/verification' + query });
  const options = { passwordType: 'PasswordText', hasNonce: false };
  if (mode === 'plain') {
    options.hasTimeStamp = false;
  }
  client.setSecurity(new soap.WSSecurity(user, password, options));
  return client;
}

// the t:faultDetail of a fault: node soap puts the parsed envelope in err.root
function faultDetail(err) {
  const fault = err && err.root && err.root.Envelope && err.root.Envelope.Body && err.root.Envelope.Body.Fault;
  return fault && fault.detail && fault.detail.faultDetail;
}

async function expectFault(code, what, call) {
  try {
    await call();
    fail('fault ' + code + ' ' + what + ': no fault');
  } catch (err) {
    const detail = faultDetail(err);
    if (detail && detail.code === code && detail.messageZh && detail.messageEn) {
      ok('fault ' + code + ' ' + what + ' | ' + detail.messageZh + ' | ' + detail.messageEn);
    } else {
      fail('fault ' + code + ' ' + what + ': got ' + (detail ? detail.code : err.message));
    }
  }
}

async function main() {
  const portal = await service('portal', 'portal-pass');
  const degree = data.degree;
  try {
    const [answer] = await portal.submitApplicationAsync({
      requestId: 'node-' + mode + '-' + data.suffix,
      applicant: { name: degree.holderName, idType: degree.idType, idNumber: degree.idNumber, phone: '13800138000' },
      degree: degree,
      languages: ['ZH'],
      attachment: data.attachments,
    });
    if (answer.status === 'COMPLETED' && answer.reportNo) {
      ok('op submitApplication status=COMPLETED report=' + answer.reportNo);
    } else {
      fail('op submitApplication: status ' + answer.status);
    }
    const [status] = await portal.getApplicationStatusAsync({ applicationNo: answer.applicationNo });
    if (status.reportNo === answer.reportNo && status.history && status.history.length > 0) {
      ok('op getApplicationStatus history=' + status.history.length);
    } else {
      fail('op getApplicationStatus: ' + JSON.stringify(status));
    }
    const inline = await service('portal', 'portal-pass', '?inline=true');
    const [report] = await inline.getReportAsync({ reportNo: answer.reportNo, language: 'ZH' });
    const file = path.join(outDir, 'report-node-' + mode + '.pdf');
    fs.writeFileSync(file, Buffer.from(report.pdf, 'base64'));
    ok('op getReport verificationCode=' + report.verificationCode);
    console.log('PDF ' + file);
    const [verified] = await portal.verifyReportAsync({ verificationCode: report.verificationCode });
    if (verified.reportStatus === 'VALID' && verified.reportNo === answer.reportNo) {
      ok('op verifyReport reportStatus=VALID');
    } else {
      fail('op verifyReport: ' + verified.reportStatus);
    }
    const [query] = await portal.queryDegreeAsync({ certificateNumber: degree.certificateNumber, holderName: degree.holderName });
    if (query.found === true || query.found === 'true') {
      ok('op queryDegree found');
    } else {
      fail('op queryDegree: ' + query.reason);
    }
  } catch (err) {
    const detail = faultDetail(err);
    fail('unexpected ' + (detail ? 'fault ' + detail.code + ': ' + detail.messageEn : err.stack));
  }
  await expectFault('NOT_FOUND', 'getApplicationStatus of an unknown application',
    () => portal.getApplicationStatusAsync({ applicationNo: 'ZZ000000000000' }));
  const wrong = await service('portal', 'wrong-pass');
  await expectFault('UNAUTHENTICATED', 'a wrong password',
    () => wrong.getApplicationStatusAsync({ applicationNo: 'ZZ000000000000' }));
  console.log('END failures=' + failures);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((err) => { console.log('FAIL ' + err.stack); process.exitCode = 1; });
