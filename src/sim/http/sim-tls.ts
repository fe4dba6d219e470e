/**
 * The simulator's TLS identity: a self-signed EC certificate for 127.0.0.1 and localhost, valid
 * until 2126. It is public on purpose: it only lets kubectl talk TLS to a loopback simulator
 * (kubectl sends bearer tokens over TLS only), and kubeconfigs skip its verification.
 */
export const SIM_TLS = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgShHY4nwEaLvJUXik
r7Te4qFx09S/WGxPjkYtGAr92MGhRANCAATszETQs9Ph2Dw5XW+kPt+hwNf02WdW
BlFXQ6hZ6ZBgbNlDSZX0WZJQU4ft9lesY26i8OUnCL9CYC0d6js2gsIc
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBnTCCAUOgAwIBAgIUHoDdMt1xz35F+XFDbYHkfENIIH8wCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKa2RyaWxsLXNpbTAgFw0yNjExMjgxOTIzNDNaGA8yMTI2MTEw
NDE5MjM0M1owFTETMBEGA1UEAwwKa2RyaWxsLXNpbTBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABOzMRNCz0+HYPDldb6Q+36HA1/TZZ1YGUVdDqFnpkGBs2UNJlfRZ
klBTh+32V6xjbqLw5ScIv0JgLR3qOzaCwhyjbzBtMB0GA1UdDgQWBBQ3WvSTL8PB
+zOE4/Az8WynkATNtTAfBgNVHSMEGDAWgBQ3WvSTL8PB+zOE4/Az8WynkATNtTAP
BgNVHRMBAf8EBTADAQH/MBoGA1UdEQQTMBGHBH8AAAGCCWxvY2FsaG9zdDAKBggq
hkjOPQQDAgNIADBFAiEAmZDrbH41LRkVzQKfi2NKvEDPU+zGg1/jyvTPh0MmjQcC
IGKorrLvu8B3OLKegRns9vKPiCMvm6i+4xrzqPbXQdxe
-----END CERTIFICATE-----
`,
};
