import { addressProblem, resolveTarget, urlProblem } from './address-check';

const production = { allowLoopback: false };
const development = { allowLoopback: true };

describe('the SSRF address check', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '169.254.0.1',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '0:0:0:0:0:ffff:c0a8:0101',
  ])('refuses %s in production', (address) => {
    expect(addressProblem(address, production)).not.toBeNull();
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '192.169.0.1', '169.255.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2001:4860:4860::8888'])(
    'allows the public address %s',
    (address) => {
      expect(addressProblem(address, production)).toBeNull();
    },
  );

  it('allows loopback outside production only, and nothing else private', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(addressProblem(address, development)).toBeNull();
      expect(addressProblem(address, production)).toMatch(/loopback/);
    }
    for (const address of ['169.254.169.254', '10.0.0.1', '::ffff:169.254.169.254', 'fd00::1']) expect(addressProblem(address, development)).not.toBeNull();
  });

  it('wants https in production and no credentials in the URL', () => {
    expect(urlProblem(new URL('http://example.com/hook'), true)).toMatch(/https/);
    expect(urlProblem(new URL('https://example.com/hook'), true)).toBeNull();
    expect(urlProblem(new URL('http://127.0.0.1:8080/hook'), false)).toBeNull();
    expect(urlProblem(new URL('ftp://example.com/hook'), false)).not.toBeNull();
    expect(urlProblem(new URL('https://user:pw@example.com/hook'), true)).toMatch(/credentials/);
  });

  it('checks what a name resolves to, and IP literals in brackets', async () => {
    await expect(resolveTarget(new URL('http://localhost:8080/'), production)).rejects.toThrow(/loopback/);
    await expect(resolveTarget(new URL('http://[::ffff:169.254.169.254]/'), development)).rejects.toThrow(/link-local|private/);
    await expect(resolveTarget(new URL('http://127.0.0.1:8080/'), development)).resolves.toEqual({ address: '127.0.0.1', family: 4 });
  });
});
