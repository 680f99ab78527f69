// Prints the demo accounts, and with a user name, that user's current one-time code
// (RFC 6238 from the demo secret), for signing in without an authenticator app:
//   node scripts/demo-accounts.mjs javery1
import { readFileSync } from "node:fs";
import { TOTP } from "otpauth";

const demo = JSON.parse(readFileSync(new URL("../fixtures/demo-data.json", import.meta.url)));
const wanted = process.argv[2];

if (wanted) {
  const user = demo.users.find((u) => u.ncid === wanted.toLowerCase());
  if (!user) {
    console.error(`No demo user "${wanted}". Run without arguments to list them.`);
    process.exit(2);
  }
  const totp = new TOTP({ secret: user.totp_secret, digits: 6, period: 30, algorithm: "SHA1" });
  console.log(totp.generate());
} else {
  console.log("Demo accounts (password for all: " + demo.users[0].password + "):");
  for (const u of demo.users.slice(0, 10)) {
    const role = u.operations_staff ? "operations staff" : "provider user";
    console.log(`  ${u.ncid.padEnd(18)} ${u.name.padEnd(28)} ${role}`);
  }
  console.log(`  … ${demo.users.length} in all, see fixtures/demo-data.json`);
  console.log("One-time code for a user: node scripts/demo-accounts.mjs <user name>");
}
