package webim

import (
	"context"
	"net/http"
	"net/url"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// AccountStatePath is the endpoint path; the query is action=get_state.
const AccountStatePath = "/l/i/account-state"

// AccountState is the answer of GET /l/i/account-state?action=get_state
// (seed 000: "Возвращает параметр blocked — заблокирован ли аккаунт
// (true/false)"): {"blocked": false}, for the account whose host was asked
// (ACCOUNT.webim.ru).
type AccountState struct {
	// Blocked says whether the account is blocked; nil when absent.
	Blocked *bool `json:"blocked"`
}

// AccountState asks whether the account is blocked.
func (c *Client) AccountState(ctx context.Context) (*AccountState, error) {
	r, err := c.get(ctx, AccountStatePath, url.Values{"action": {"get_state"}})
	if err != nil {
		return nil, err
	}
	return c.accountState(r)
}

// accountState interprets an answer of account-state: blocked must be
// there and a boolean.
func (c *Client) accountState(r *httpc.Response) (*AccountState, error) {
	if r.StatusCode != http.StatusOK {
		return nil, c.fail(r)
	}
	var st AccountState
	if err := decode(r, "account-state", "a JSON object with blocked true or false", &st); err != nil {
		return nil, err
	}
	if st.Blocked == nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "account-state: the answer has no blocked field (%s)", httpc.Describe(r.Body, ""))
	}
	return &st, nil
}
