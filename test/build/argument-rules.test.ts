/**
 * The argument rules shipped in lib/ are generated from the declarations (build/argument-rules.ts)
 * and committed: they must be what the declarations give today.
 */
import path from 'node:path';
import { renderArgumentRules, argumentModel, staleArgumentRules } from '../../build/argument-rules';

const ROOT = path.join(__dirname, '..', '..');

describe('generated argument rules', () => {
  const rendered = renderArgumentRules(argumentModel(ROOT));

  it('the committed tables match the declarations (run `npx gulp rules` after changing a signature)', () => {
    expect(staleArgumentRules(ROOT, rendered)).toEqual([]);
  });

  it('read the parameters as declared: required, optional, nested required fields, enums', () => {
    const full = rendered['lib/full/arguments/rules.generated.ts'];
    expect(full).toContain("    loginByEmail: 'email:s,password:s,options?:o',");
    expect(full).toContain("    verifyTotpMfa: 'options:o(totp:s,mfaToken:s)',");
    expect(full).toContain("'email:s,scene:=RESET_PASSWORD|RESET_PASSWORD_VERIFY_CODE|");
    expect(full).toContain("    computedPasswordSecurityLevel: 'password:S',");
    expect(rendered['lib/core/arguments.generated.ts']).toContain("    loginByPhone: 'code:s,iv:s,encryptedData:s',");
  });
});
