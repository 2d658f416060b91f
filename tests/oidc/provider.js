// A real OpenID Connect provider (panva's oidc-provider) on loopback, for the tests of kit/web/oidc.py.
//
//   node provider.js <port> <client_id> <client_secret> <redirect_uri>
//
// It runs with the package's development settings: an http issuer on 127.0.0.1 and its built-in
// login form (devInteractions: any login name with any password). The login name picks an account
// below; consent is given at once, as a school's provider does for a service it registered.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
if (!port || !clientId || !clientSecret || !redirectUri) {
  console.error('usage: node provider.js <port> <client_id> <client_secret> <redirect_uri>');
  process.exit(2);
}

const ACCOUNTS = {
  docent: { email: 'J.Jansen@School.example', email_verified: true, name: 'Jan Jansen' },
  onbevestigd: { email: 'nog.niet@school.example', email_verified: false, name: 'Nog Niet' },
};

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return { sub: id, ...(ACCOUNTS[id] ?? {}) }; } };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['only-for-tests'] },
});

provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
