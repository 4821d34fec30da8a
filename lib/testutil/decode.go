package testutil

import (
	"errors"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// DecodeCase is one row of a parser's table, see [RunDecodeCases]: an
// answer, and the error or the value its parsing must give.
type DecodeCase[T any] struct {
	// Name names the subtest; "" is Fixture.
	Name string
	// Fixture, when set, is the file of the body, in the table's folder
	// under testdata/.
	Fixture string
	// Body is the body when Fixture is "".
	Body string
	// ContentType is the answer's Content-Type ("" for none).
	ContentType string
	// Err, when set, is part of the message of the error the parser must
	// return.
	Err string
	// Kind is the kind of that error (see plugin.StateFor); nil is
	// ErrDecode.
	Kind error
	// Want is what a success must return, unless Check is set.
	Want T
	// Check, when set, judges a success in place of Want.
	Check func(t *testing.T, got T)
}

// RunDecodeCases runs decode on the body and content type of each case,
// as a subtest: it must fail with an error of Kind whose message contains
// Err when that is set, and else succeed with Want (or what Check accepts).
// dir is the folder of the fixtures under testdata/.
func RunDecodeCases[T any](t *testing.T, dir string, decode func(body []byte, contentType string) (T, error), cases []DecodeCase[T]) {
	t.Helper()
	for _, tc := range cases {
		name := tc.Name
		if name == "" {
			name = tc.Fixture
		}
		t.Run(name, func(t *testing.T) {
			body := []byte(tc.Body)
			if tc.Fixture != "" {
				body = Fixture(t, dir+"/"+tc.Fixture)
			}
			got, err := decode(body, tc.ContentType)
			if tc.Err != "" {
				kind := tc.Kind
				if kind == nil {
					kind = plugin.ErrDecode
				}
				require.Error(t, err)
				assert.ErrorIs(t, err, kind)
				assert.Contains(t, err.Error(), tc.Err)
				return
			}
			require.NoError(t, err)
			if tc.Check != nil {
				tc.Check(t, got)
			} else {
				assert.Equal(t, tc.Want, got)
			}
		})
	}
}

// FuzzDecode feeds the seed corpus testdata/fuzz/<name> (see [FuzzSeeds])
// and arbitrary bodies to decode, without a content type: it must never panic, fail only with an
// ErrDecode, and return only what valid accepts.
func FuzzDecode[T any](f *testing.F, name string, decode func(body []byte, contentType string) (T, error), valid func(t *testing.T, body []byte, got T)) {
	FuzzSeeds(f, name)
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := decode(body, "")
		if err != nil {
			if !errors.Is(err, plugin.ErrDecode) {
				t.Fatalf("error of an unexpected kind: %v", err)
			}
			return
		}
		valid(t, body, got)
	})
}
