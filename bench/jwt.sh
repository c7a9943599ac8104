# Sourced by bench/service.sh and bench/two-nodes.sh: a token signed as an identity provider would sign it (RS256).
#   jwt KEY_PEM ISSUER SECONDS SUBJECT ROLES_JSON      e.g. jwt "$WORK/key.pem" https://idp.bench 7200 ops '["ADMIN"]'
jwt() {
  local header payload
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | jwt_b64url)
  payload=$(printf '{"sub":"%s","iss":"%s","aud":"refugio","exp":%d,"roles":%s}' \
    "$4" "$2" $(( $(date +%s) + $3 )) "$5" | jwt_b64url)
  printf '%s.%s.%s' "$header" "$payload" \
    "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$1" | jwt_b64url)"
}

jwt_b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
