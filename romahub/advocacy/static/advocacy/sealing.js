/* Sealing and opening with a partner's key, in the browser (WebCrypto only; nothing leaves the page
   unsealed). The same construction as romahub/advocacy/sealing.py:
   ECDH P-256 with a fresh key per message -> HKDF-SHA-256 (salt: the ephemeral point, info: INFO)
   -> AES-256-GCM, bound to a context string. The private key is kept wrapped (AES-GCM) under a key
   from the passphrase (PBKDF2-SHA-256, OWASP's 600,000 iterations) and under a recovery key (HKDF). */
(function () {
  "use strict";
  var subtle = window.crypto && window.crypto.subtle;
  var enc = new TextEncoder();
  var dec = new TextDecoder();
  var INFO = enc.encode("roma child protection hub: sealed to a partner, v1");
  var RECOVERY_INFO = enc.encode("roma child protection hub: recovery key, v1");
  var SCHEME = "p256-hkdf-sha256-aes256gcm";
  var ITERATIONS = 600000;
  var P256 = { name: "ECDH", namedCurve: "P-256" };
  var AES = { name: "AES-GCM", length: 256 };
  var BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  function b64(buffer) {
    var bytes = new Uint8Array(buffer), text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text);
  }
  function unb64(text) {
    return Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); });
  }
  function random(count) { return crypto.getRandomValues(new Uint8Array(count)); }

  function boxKey(shared, point, usage) {
    return subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]).then(function (base) {
      return subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: point, info: INFO }, base, AES, false, [usage]);
    });
  }

  async function seal(publicKey, fields, context) {
    var recipient = await subtle.importKey("spki", unb64(publicKey), P256, false, []);
    var ephemeral = await subtle.generateKey(P256, true, ["deriveBits"]);
    var point = new Uint8Array(await subtle.exportKey("raw", ephemeral.publicKey));
    var shared = await subtle.deriveBits({ name: "ECDH", public: recipient }, ephemeral.privateKey, 256);
    var key = await boxKey(shared, point, "encrypt");
    var iv = random(12);
    var box = await subtle.encrypt({ name: "AES-GCM", iv: iv, additionalData: enc.encode(context) }, key,
      enc.encode(JSON.stringify(fields)));
    return { scheme: SCHEME, epk: b64(point), iv: b64(iv), ct: b64(box) };
  }

  async function open(privateKey, envelope, context) {
    if (!envelope || envelope.scheme !== SCHEME) throw new Error("not a sealed box");
    var point = unb64(envelope.epk);
    var ephemeral = await subtle.importKey("raw", point, P256, false, []);
    var shared = await subtle.deriveBits({ name: "ECDH", public: ephemeral }, privateKey, 256);
    var key = await boxKey(shared, point, "decrypt");
    var plain = await subtle.decrypt({ name: "AES-GCM", iv: unb64(envelope.iv), additionalData: enc.encode(context) },
      key, unb64(envelope.ct));
    return JSON.parse(dec.decode(plain));
  }

  async function passphraseKey(passphrase, salt, iterations, usage) {
    var base = await subtle.importKey("raw", enc.encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
    return subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: salt, iterations: iterations }, base, AES, false, [usage]);
  }

  async function recoveryWrappingKey(recoveryBytes, usage) {
    var base = await subtle.importKey("raw", recoveryBytes, "HKDF", false, ["deriveKey"]);
    return subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: RECOVERY_INFO }, base, AES,
      false, [usage]);
  }

  async function wrapWithPassphrase(pkcs8, passphrase) {
    var salt = random(16), iv = random(12);
    var key = await passphraseKey(passphrase, salt, ITERATIONS, "encrypt");
    var box = await subtle.encrypt({ name: "AES-GCM", iv: iv }, key, pkcs8);
    return { salt: b64(salt), iterations: ITERATIONS, iv: b64(iv), ct: b64(box) };
  }

  async function wrapWithRecovery(pkcs8, recoveryBytes) {
    var iv = random(12);
    var key = await recoveryWrappingKey(recoveryBytes, "encrypt");
    var box = await subtle.encrypt({ name: "AES-GCM", iv: iv }, key, pkcs8);
    return { iv: b64(iv), ct: b64(box) };
  }

  /* The private key's bytes from a wrap; throws when the passphrase or recovery key is wrong. */
  async function unwrapBytes(wrapped, secret) {
    var key = wrapped.salt
      ? await passphraseKey(secret, unb64(wrapped.salt), wrapped.iterations, "decrypt")
      : await recoveryWrappingKey(secret, "decrypt");
    return subtle.decrypt({ name: "AES-GCM", iv: unb64(wrapped.iv) }, key, unb64(wrapped.ct));
  }

  function importPrivate(pkcs8) {
    return subtle.importKey("pkcs8", pkcs8, P256, false, ["deriveBits"]);
  }

  async function makeKeys(passphrase) {
    var pair = await subtle.generateKey(P256, true, ["deriveBits"]);
    var pkcs8 = await subtle.exportKey("pkcs8", pair.privateKey);
    var recovery = random(20);
    return {
      public_key: b64(await subtle.exportKey("spki", pair.publicKey)),
      wrapped: await wrapWithPassphrase(pkcs8, passphrase),
      recovery_wrapped: await wrapWithRecovery(pkcs8, recovery),
      recovery_key: recoveryText(recovery),
    };
  }

  /* 20 bytes as 32 letters and digits (RFC 4648 base32), in groups of four to copy by hand. */
  function recoveryText(bytes) {
    var bits = 0, value = 0, out = "";
    for (var i = 0; i < bytes.length; i++) {
      value = (value << 8) | bytes[i];
      bits += 8;
      while (bits >= 5) { out += BASE32[(value >>> (bits - 5)) & 31]; bits -= 5; }
    }
    return out.match(/.{1,4}/g).join("-");
  }

  function recoveryBytes(text) {
    var clean = text.toUpperCase().replace(/[^A-Z2-7]/g, ""), bits = 0, value = 0, out = [];
    if (clean.length !== 32) throw new Error("recovery key length");
    for (var i = 0; i < clean.length; i++) {
      value = (value << 5) | BASE32.indexOf(clean[i]);
      bits += 5;
      if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
    }
    return new Uint8Array(out);
  }

  window.HubSealing = {
    available: Boolean(subtle), seal: seal, open: open, makeKeys: makeKeys, unwrapBytes: unwrapBytes,
    importPrivate: importPrivate, wrapWithPassphrase: wrapWithPassphrase, recoveryBytes: recoveryBytes,
  };
})();
