package dolibarr

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Instance is what ServerObserver and WebObserver say about a Dolibarr
// instance, in bytes whatever unit the API uses.
type Instance struct {
	// API is "serverobserver" or "webobserver"; APIVersion the answer's
	// apiversion.
	API, APIVersion string
	// Version is the Dolibarr version (dolibarr.version).
	Version string
	// DataPath is the documents directory and DataSize its size in bytes;
	// HasData is false when the answer has no size for it.
	DataPath string
	DataSize int64
	HasData  bool
	// Disk is the server's disk (ServerObserver's server_info); nil when
	// the API does not give it (WebObserver).
	Disk *Disk
}

// Disk is the disk space of the server an instance lives on.
type Disk struct {
	Total, Used, Free int64
	// PercentUsed is server_info.percent_used.
	PercentUsed float64
}

// observerAnswer is the JSON both observer modules answer: apiversion,
// dolibarr{version, data{path, size}, htdocs{...}}, db, user, module and,
// for ServerObserver, server_info.
type observerAnswer struct {
	APIVersion *string `json:"apiversion"`
	Dolibarr   *struct {
		Version *string  `json:"version"`
		Data    *dirSize `json:"data"`
	} `json:"dolibarr"`
	ServerInfo *serverInfo `json:"server_info"`
}

// dirSize is a directory and its size, a JSON number or a numeric string.
type dirSize struct {
	Path string     `json:"path"`
	Size *looseSize `json:"size"`
}

// serverInfo is ServerObserver's disk block, sizes as text ("12.34 GB").
type serverInfo struct {
	EspaceTotal   string `json:"espace_total"`
	EspaceRestant string `json:"espace_restant"`
	EspaceUsed    string `json:"espace_used"`
	PercentUsed   string `json:"percent_used"`
}

// looseSize is a non-negative number given as a JSON number or a string
// holding one (PHP modules write either).
type looseSize float64

// UnmarshalJSON implements json.Unmarshaler.
func (n *looseSize) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if len(s) > 1 && s[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	// no hex, digit separators, NaN or Inf: plain decimals only
	if err != nil || strings.ContainsAny(s, "xX_nNiI") || v < 0 || v > maxBytes {
		return fmt.Errorf("size %s is not a size", b)
	}
	*n = looseSize(v)
	return nil
}
