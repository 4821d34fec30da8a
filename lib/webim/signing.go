package webim

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
)

// Chat event signing (seed 003, "Расчёт контрольной суммы"): Webim sends
// the chat JSON of chat_started, chat_assigned and chat_closed to the
// account's handler URLs with a signature in the query string.
//
//   - handlers version 4 and later (chat_event_handlers_version): field
//     "signature", the HMAC-SHA256 of the chat string keyed with the
//     account's first private key;
//   - versions below 4: field "crc", the MD5 of the chat string followed
//     directly by the key ("Между содержимым объекта и приватным ключом
//     нет никаких символов").
//
// Both are written as lowercase hex.

// Signature fields of a chat event.
const (
	FieldSignature = "signature"
	FieldCRC       = "crc"
)

// SignatureVersion is the first handlers version that signs with
// HMAC-SHA256 in the field "signature".
const SignatureVersion = 4

// Sign returns the query field and value that sign chat, byte for byte as
// sent, for the handlers version: ("signature", hex HMAC-SHA256) from
// version 4 on, ("crc", hex MD5 of chat and key) before.
func Sign(chat []byte, key string, version int) (field, value string) {
	if version >= SignatureVersion {
		m := hmac.New(sha256.New, []byte(key))
		m.Write(chat)
		return FieldSignature, hex.EncodeToString(m.Sum(nil))
	}
	h := md5.New()
	h.Write(chat)
	h.Write([]byte(key))
	return FieldCRC, hex.EncodeToString(h.Sum(nil))
}

// Verify reports whether value, the field's value of a chat event as a
// handler received it, signs chat with key for the handlers version: the
// check a CRM's handler must make before trusting an event. field must be
// the one of the version ("signature" or "crc"); the comparison is in
// constant time, and hex in either case is accepted.
//
//	chat := r.URL.Query().Get("chat")
//	if !webim.Verify([]byte(chat), key, 4, "signature", r.URL.Query().Get("signature")) {
//		http.Error(w, "bad signature", http.StatusBadRequest)
//		return
//	}
func Verify(chat []byte, key string, version int, field, value string) bool {
	wantField, want := Sign(chat, key, version)
	got, err := hex.DecodeString(value)
	if err != nil || field != wantField {
		return false
	}
	raw, _ := hex.DecodeString(want)
	return hmac.Equal(raw, got)
}
