package webim

import (
	"encoding/json"
	"fmt"
	"time"
)

// Chat events a handler URL is called for (seed 003, "Описание событий").
const (
	EventChatStarted  = "chat_started"
	EventChatAssigned = "chat_assigned"
	EventChatClosed   = "chat_closed"
)

// ProbeDepartment is the department_key of the synthetic chats the suite
// sends, by which a CRM's handler can recognise them and create no record.
const ProbeDepartment = "monitoring-probe"

// ProbeVisitorName is the visitor name of the synthetic chats.
const ProbeVisitorName = "webim-checks probe"

// Chat is the "chat" object of a chat event (seed 003, "Содержимое поля
// chat"), the fields in the order of the seed's example.
type Chat struct {
	Category      *string       `json:"category"`
	StartPage     *Page         `json:"start_page"`
	Subcategory   *string       `json:"subcategory"`
	Locale        string        `json:"locale"`
	Visitor       ChatVisitor   `json:"visitor"`
	CreatedAt     string        `json:"created_at"`
	Messages      []ChatMessage `json:"messages"`
	DepartmentKey string        `json:"department_key"`
	// Operator is set once the chat is assigned.
	Operator     *ChatOperator `json:"operator,omitempty"`
	ID           int64         `json:"id"`
	VisitSession VisitSession  `json:"visit_session"`
}

// Page is a page the visitor was on.
type Page struct {
	URL string `json:"url"`
}

// ChatVisitor is the visitor of a chat: extra fields and the Webim id.
type ChatVisitor struct {
	Fields map[string]string `json:"fields"`
	ID     string            `json:"id"`
}

// ChatMessage is one message of a chat: when, the text and its kind
// (visitor, operator, info, for_operator, ...).
type ChatMessage struct {
	CreatedAt string `json:"created_at"`
	Message   string `json:"message"`
	Kind      string `json:"kind"`
}

// ChatOperator is the operator a chat is assigned to.
type ChatOperator struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

// VisitSession is the visitor's session: address and landing page.
type VisitSession struct {
	IP          string `json:"ip"`
	LandingPage Page   `json:"landing_page"`
}

// ProbeChat returns the chat JSON of a synthetic event of kind (one of the
// Event constants) at now, in department: shaped as the seed's example,
// visitor "webim-checks probe", id the Unix time; chat_assigned and
// chat_closed carry an operator.
func ProbeChat(event, department string, now time.Time) ([]byte, error) {
	ts := now.UTC().Format("2006-01-02T15:04:05Z")
	chat := Chat{
		StartPage: &Page{URL: "https://monitoring.invalid/probe"},
		Locale:    "en",
		Visitor: ChatVisitor{
			Fields: map[string]string{"name": ProbeVisitorName},
			ID:     fmt.Sprintf("webim-checks-probe-%d", now.Unix()),
		},
		CreatedAt:     ts,
		Messages:      []ChatMessage{{CreatedAt: ts, Message: "Monitoring probe from webim-checks: please ignore, create no record.", Kind: "visitor"}},
		DepartmentKey: department,
		ID:            now.Unix(),
		VisitSession:  VisitSession{IP: "127.0.0.1", LandingPage: Page{URL: "https://monitoring.invalid/probe"}},
	}
	switch event {
	case EventChatStarted:
	case EventChatAssigned, EventChatClosed:
		chat.Operator = &ChatOperator{ID: 1, Email: "probe@monitoring.invalid", Name: ProbeVisitorName}
		if event == EventChatClosed {
			chat.Messages = append(chat.Messages, ChatMessage{CreatedAt: ts, Message: "Chat closed by the monitoring probe.", Kind: "info"})
		}
	default:
		return nil, fmt.Errorf("unknown chat event %q (want %s, %s or %s)", event, EventChatStarted, EventChatAssigned, EventChatClosed)
	}
	return json.Marshal(chat)
}
