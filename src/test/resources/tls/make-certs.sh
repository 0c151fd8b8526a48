#!/usr/bin/env bash
# Makes the test certificates in this folder: two unrelated CAs and three server certificates.
# For tests only: every private key here is public, in the repository. Run it from anywhere;
# it overwrites the files next to it. Needs OpenSSL 1.1.1 or later (made with 3.0).
#
# Keys are EC P-256 in unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"), the form Spring Boot's PEM
# SSL bundles read without a password. Everything is valid for 100 years so the tests never expire.
set -euo pipefail

cd "$(dirname "$0")"
DAYS=36500
SANS='IP:127.0.0.1,IP:::1,DNS:localhost'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# new_key FILE: an EC P-256 private key, PKCS#8 PEM.
new_key() {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"
}

# make_ca NAME CN: a self-signed CA certificate NAME.pem with its key NAME.key.
make_ca() {
  new_key "$1.key"
  openssl req -x509 -new -sha256 -days "$DAYS" -key "$1.key" -subj "/CN=$2" \
    -addext 'basicConstraints=critical,CA:TRUE' \
    -addext 'keyUsage=critical,keyCertSign,cRLSign' \
    -out "$1.pem"
}

# make_server NAME CA CN SANS: a server certificate NAME.pem (key NAME.key) signed by CA.pem/CA.key.
# The request is made first, then signed with the extensions a TLS server certificate needs;
# a random serial, so that certificates from the same CA never share one.
make_server() {
  new_key "$1.key"
  openssl req -new -sha256 -key "$1.key" -subj "/CN=$3" -out "$work/$1.csr"
  cat > "$work/$1.ext" <<EXT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $4
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT
  openssl x509 -req -sha256 -days "$DAYS" -in "$work/$1.csr" \
    -CA "$2.pem" -CAkey "$2.key" -set_serial "0x$(openssl rand -hex 16)" \
    -extfile "$work/$1.ext" -out "$1.pem"
}

# The CA the tests trust, and a server certificate for this machine's loopback addresses.
make_ca ca 'Simple FTP test CA'
make_server server ca localhost "$SANS"

# A second CA that nothing trusts, and a server certificate from it with the same names:
# a client that trusts only ca.pem must refuse it.
make_ca other-ca 'Simple FTP other test CA'
make_server other-server other-ca localhost "$SANS"

# Signed by the trusted CA, but for another name only: host name verification must refuse it.
make_server wrong-host ca not-this-host.example 'DNS:not-this-host.example'

# Check what was made.
openssl verify -CAfile ca.pem server.pem wrong-host.pem
openssl verify -CAfile other-ca.pem other-server.pem
