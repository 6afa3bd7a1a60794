// Signs and verifies A2A agent cards with the official SDK, for CardSignaturesInteropIT.
// Reads one JSON request on stdin:
//   {seed, publicKey (both base64url), kid, card, signedByJava, numbers (IEEE 754 bits in hex)}
// and writes one JSON answer on stdout:
//   {canonical, signedByJs, javaSignatureAccepted, tamperedJavaSignatureAccepted, numbers}
// where numbers are the doubles as JavaScript writes them (what RFC 8785 asks for).
import {
  canonicalizeAgentCard,
  generateAgentCardSignature,
  verifyAgentCardSignature,
} from '@a2a-js/sdk';
import * as jose from 'jose';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const privateKey = await jose.importJWK(
  { kty: 'OKP', crv: 'Ed25519', d: request.seed, x: request.publicKey },
  'EdDSA',
);
const publicKey = await jose.importJWK(
  { kty: 'OKP', crv: 'Ed25519', x: request.publicKey },
  'EdDSA',
);

const sign = generateAgentCardSignature(privateKey, {
  alg: 'EdDSA',
  kid: request.kid,
  typ: 'JOSE',
});
const verify = verifyAgentCardSignature(async () => publicKey);

async function accepted(card) {
  const debug = console.debug;
  console.debug = () => {}; // the SDK logs every failed entry
  try {
    await verify(card);
    return true;
  } catch {
    return false;
  } finally {
    console.debug = debug;
  }
}

const tampered = { ...request.signedByJava, description: request.signedByJava.description + '!' };
process.stdout.write(
  JSON.stringify({
    canonical: canonicalizeAgentCard(request.card),
    signedByJs: await sign(request.card),
    javaSignatureAccepted: await accepted(request.signedByJava),
    tamperedJavaSignatureAccepted: await accepted(tampered),
    numbers: (request.numbers ?? []).map((bits) => String(Buffer.from(bits, 'hex').readDoubleBE(0))),
  }),
);
