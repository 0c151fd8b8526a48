#!/usr/bin/env bash
# Makes the test certificates in this folder (for tests only: the keys are public). EC P-256,
# valid 100 years. Run from this folder: ./make-certs.sh
set -euo pipefail

# A self-signed CA: NAME.pem and NAME.key.
ca() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.pem" -days 36500 \
		-subj "/CN=$2" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}

# A server certificate NAME.pem (key NAME.key) for the subject alternative names $4, signed by the CA $3.
server() {
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2"
	printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$4" > "$1.ext"
	openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days 36500 -out "$1.pem" -extfile "$1.ext"
	rm "$1.csr" "$1.ext"
}

ca ca "Simple FTP test CA"
ca other-ca "Another test CA"
server server localhost ca "IP:127.0.0.1,IP:::1,DNS:localhost"
server other-server localhost other-ca "IP:127.0.0.1,IP:::1,DNS:localhost"
server wrong-host not-this-host.example ca "DNS:not-this-host.example"
rm -f ./*.srl
openssl verify -CAfile ca.pem server.pem wrong-host.pem
openssl verify -CAfile other-ca.pem other-server.pem
