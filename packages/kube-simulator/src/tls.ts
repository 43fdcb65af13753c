import selfsigned from 'selfsigned';

/**
 * A self-signed certificate for the simulator's HTTPS mode, valid for the
 * listen address and localhost. Clients trust it through the kubeconfig's
 * `certificate-authority-data`.
 */
export function selfSignedCertificate(host: string): {
  key: string;
  cert: string;
} {
  const isIp = /^[\d.]+$|:/.test(host);
  const pems = selfsigned.generate(
    [{ name: 'commonName', value: 'kube-simulator' }],
    {
      keySize: 2048,
      days: 30,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            ...(isIp ? [{ type: 7, ip: host }] : [{ type: 2, value: host }]),
          ],
        },
      ],
    },
  );
  return { key: pems.private, cert: pems.cert };
}
