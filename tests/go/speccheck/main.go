// Command speccheck checks openapi.yaml and the mock from a second ecosystem: Go, with Debian's
// kin-openapi (GOPATH mode, nothing fetched). It loads and validates the spec, then sends a short run
// of requests to a running mock and validates each request and each answer with openapi3filter.
//
// Usage: speccheck SPEC   with EXOTEL_MOCK_URL, EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN set.
// It prints one line per exchange and ends with "N passed, N failed"; it exits 1 on any failure.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

type checker struct {
	ctx     context.Context
	router  routers.Router
	base    string
	account string
	key     string
	token   string
	client  *http.Client
	passed  int
	failed  int
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: speccheck SPEC")
		os.Exit(2)
	}
	ctx := context.Background()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(os.Args[1])
	if err != nil {
		fmt.Printf("load: %v\n", err)
		os.Exit(1)
	}
	if rewritten := goPatterns(doc); rewritten > 0 {
		fmt.Printf("spec: %d patterns use ECMA-262's \\uXXXX escape, which Go's regexp lacks: read as \\x{XXXX}\n", rewritten)
	}
	if err := doc.Validate(ctx); err != nil {
		fmt.Printf("validate: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("spec: %s %s loads and validates (%d paths)\n", doc.Info.Title, doc.Info.Version, len(doc.Paths))
	// The mock serves both families on one base URL: route against it instead of Exotel's hosts.
	base := strings.TrimRight(os.Getenv("EXOTEL_MOCK_URL"), "/")
	doc.Servers = openapi3.Servers{{URL: base}}
	for _, item := range doc.Paths {
		item.Servers = nil
		for _, op := range item.Operations() {
			op.Servers = nil
		}
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		fmt.Printf("router: %v\n", err)
		os.Exit(1)
	}
	c := &checker{
		ctx: ctx, router: router, base: base, account: os.Getenv("EXOTEL_ACCOUNT_SID"),
		key: os.Getenv("EXOTEL_API_KEY"), token: os.Getenv("EXOTEL_API_TOKEN"),
		client: &http.Client{Timeout: 30 * time.Second},
	}
	c.run()
	fmt.Printf("%d passed, %d failed\n", c.passed, c.failed)
	if c.failed > 0 || c.passed == 0 {
		os.Exit(1)
	}
}

func (c *checker) run() {
	acct := "/v2/accounts/" + c.account
	// Campaign: bulk create (a created item, an invalid one, a duplicate), read back, list flow.
	created := c.exchange("createContacts", "POST", acct+"/contacts", "application/json",
		`{"contacts":[{"number":"+919811111111","first_name":"Go","custom_field":{"plan":"gold"}},`+
			`{"number":"not-a-number"},{"number":"+919811111111"}]}`, true, 207)
	contactSid := ""
	if created != nil {
		var body struct {
			Response []struct {
				Code int `json:"code"`
				Data struct {
					Sid string `json:"sid"`
				} `json:"data"`
			} `json:"response"`
		}
		if json.Unmarshal(created, &body) == nil && len(body.Response) > 0 {
			contactSid = body.Response[0].Data.Sid
		}
	}
	if contactSid == "" {
		c.fail("createContacts", "no contact sid in the answer")
		return
	}
	c.exchange("listContacts", "GET", acct+"/contacts?offset=0&limit=5", "", "", true, 200)
	c.exchange("getContact", "GET", acct+"/contacts/"+contactSid, "", "", true, 200)
	c.exchange("updateContact", "PUT", acct+"/contacts/"+contactSid, "application/json",
		`{"first_name":"Gopher"}`, true, 200)
	lists := c.exchange("createLists", "POST", acct+"/lists", "application/json",
		`{"lists":[{"name":"go-check","tag":"go"}]}`, true, 207)
	listSid := ""
	if lists != nil {
		var body struct {
			Response []struct {
				Data struct {
					Sid string `json:"sid"`
				} `json:"data"`
			} `json:"response"`
		}
		if json.Unmarshal(lists, &body) == nil && len(body.Response) > 0 {
			listSid = body.Response[0].Data.Sid
		}
	}
	if listSid != "" {
		c.exchange("addContactsToList", "POST", acct+"/lists/"+listSid+"/contacts", "application/json",
			`{"contact_references":[{"contact_sid":"`+contactSid+`"}]}`, true, 200, 207)
		c.exchange("listListContacts", "GET", acct+"/lists/"+listSid+"/contacts?offset=0&limit=20", "", "", true, 200)
		c.exchange("listLists", "GET", acct+"/lists", "", "", true, 200)
	} else {
		c.fail("createLists", "no list sid in the answer")
	}
	// Errors: an unknown contact (404) and no credentials (401), each answer checked against its envelope.
	c.exchange("getContact (unknown)", "GET", acct+"/contacts/0000000000000000000000000000dead", "", "", true, 404)
	c.exchange("listContacts (no credentials)", "GET", acct+"/contacts", "", "", false, 401)
	// CCM: a CSV upload (multipart) and its status.
	var form bytes.Buffer
	writer := multipart.NewWriter(&form)
	part, _ := writer.CreateFormFile("file", "contacts.csv")
	_, _ = part.Write([]byte("phone_number,first_name\n+919822222222,Go\n"))
	_ = writer.WriteField("duplicate_action", "update")
	_ = writer.Close()
	upload := c.exchange("uploadContacts", "POST", acct+"/contacts/upload", writer.FormDataContentType(),
		form.String(), true, 202)
	if upload != nil {
		var body struct {
			Response struct {
				Data struct {
					UploadID string `json:"upload_id"`
				} `json:"data"`
			} `json:"response"`
		}
		if json.Unmarshal(upload, &body) == nil && body.Response.Data.UploadID != "" {
			c.exchange("getUploadStatus", "GET", acct+"/contacts/upload/"+body.Response.Data.UploadID, "", "", true, 200)
		} else {
			c.fail("uploadContacts", "no upload_id in the answer")
		}
	}
}

// ecmaEscape is ECMA-262's \uXXXX (OpenAPI 3.0 patterns are ECMA-262 regular expressions); Go's RE2
// writes the same code point \x{XXXX}. A backslash before it (an escaped backslash) is left alone.
var ecmaEscape = regexp.MustCompile(`(^|[^\\])((?:\\\\)*)\\u([0-9A-Fa-f]{4})`)

// goPatterns rewrites every schema pattern of the document into Go's syntax (same meaning) and says how
// many it changed: kin-openapi compiles patterns with Go's regexp and has no hook for another engine.
func goPatterns(doc *openapi3.T) int {
	seen := map[*openapi3.Schema]bool{}
	changed := 0
	var schema func(*openapi3.SchemaRef)
	schema = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if s.Pattern != "" {
			rewritten := s.Pattern
			for ecmaEscape.MatchString(rewritten) { // twice for adjacent escapes sharing a boundary
				rewritten = ecmaEscape.ReplaceAllString(rewritten, `${1}${2}\x{${3}}`)
			}
			if rewritten != s.Pattern {
				s.Pattern = rewritten
				changed++
			}
		}
		for _, p := range s.Properties {
			schema(p)
		}
		for _, list := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf, s.AllOf} {
			for _, p := range list {
				schema(p)
			}
		}
		schema(s.Items)
		schema(s.Not)
		schema(s.AdditionalProperties)
	}
	content := func(c openapi3.Content) {
		for _, media := range c {
			schema(media.Schema)
		}
	}
	parameters := func(ps openapi3.Parameters) {
		for _, p := range ps {
			if p != nil && p.Value != nil {
				schema(p.Value.Schema)
				content(p.Value.Content)
			}
		}
	}
	for _, s := range doc.Components.Schemas {
		schema(s)
	}
	for _, p := range doc.Components.Parameters {
		parameters(openapi3.Parameters{p})
	}
	for _, item := range doc.Paths {
		parameters(item.Parameters)
		for _, op := range item.Operations() {
			parameters(op.Parameters)
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				content(op.RequestBody.Value.Content)
			}
			for _, response := range op.Responses {
				if response != nil && response.Value != nil {
					content(response.Value.Content)
					for _, header := range response.Value.Headers {
						if header != nil && header.Value != nil {
							schema(header.Value.Schema)
						}
					}
				}
			}
		}
	}
	return changed
}

// exchange sends one request, validating it before it goes and the answer when it comes; it returns
// the answer's body when both validate and the status is one of want, nil otherwise.
func (c *checker) exchange(name, method, path, contentType, body string, auth bool, want ...int) []byte {
	request, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.fail(name, err.Error())
		return nil
	}
	if contentType != "" {
		request.Header.Set("Content-Type", contentType)
	}
	if auth {
		request.SetBasicAuth(c.key, c.token)
	}
	route, pathParams, err := c.router.FindRoute(request)
	if err != nil {
		c.fail(name, "route: "+err.Error())
		return nil
	}
	options := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	input := &openapi3filter.RequestValidationInput{Request: request, PathParams: pathParams, Route: route, Options: options}
	if err := openapi3filter.ValidateRequest(c.ctx, input); err != nil {
		c.fail(name, "request: "+err.Error())
		return nil
	}
	// ValidateRequest read the body: send a fresh copy.
	request.Body = io.NopCloser(strings.NewReader(body))
	answer, err := c.client.Do(request)
	if err != nil {
		c.fail(name, err.Error())
		return nil
	}
	defer answer.Body.Close()
	data, err := io.ReadAll(io.LimitReader(answer.Body, 1<<20))
	if err != nil {
		c.fail(name, err.Error())
		return nil
	}
	ok := false
	for _, status := range want {
		ok = ok || answer.StatusCode == status
	}
	if !ok {
		c.fail(name, fmt.Sprintf("status %d, wanted %v: %.300s", answer.StatusCode, want, data))
		return nil
	}
	header, err := c.numericHeaders(route, answer)
	if err != nil {
		c.fail(name, fmt.Sprintf("answer %d: %v", answer.StatusCode, err))
		return nil
	}
	check := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input, Status: answer.StatusCode, Header: header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	check.SetBodyBytes(data)
	if err := openapi3filter.ValidateResponse(c.ctx, check); err != nil {
		c.fail(name, fmt.Sprintf("answer %d: %v", answer.StatusCode, err))
		return nil
	}
	c.passed++
	fmt.Printf("ok   %-32s %s %s -> %d\n", name, method, route.Path, answer.StatusCode)
	return data
}

// numericHeaders validates the answer's declared integer and number headers itself and returns the
// other headers for openapi3filter. Debian's kin-openapi (0.110) checks a response header's raw text
// against its schema without decoding it first, so "30" never matches {type: integer}; later versions
// decode a header by its schema, as done here.
func (c *checker) numericHeaders(route *routers.Route, answer *http.Response) (http.Header, error) {
	rest := answer.Header.Clone()
	if route.Operation == nil {
		return rest, nil
	}
	declared := route.Operation.Responses.Get(answer.StatusCode)
	if declared == nil {
		declared = route.Operation.Responses.Default()
	}
	if declared == nil || declared.Value == nil {
		return rest, nil
	}
	for name, header := range declared.Value.Headers {
		if header.Value == nil || header.Value.Schema == nil || header.Value.Schema.Value == nil {
			continue
		}
		schema := header.Value.Schema.Value
		if schema.Type != "integer" && schema.Type != "number" {
			continue
		}
		text := answer.Header.Get(name)
		if text == "" {
			continue
		}
		value, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, fmt.Errorf("response header %q is not a number: %q", name, text)
		}
		if err := schema.VisitJSON(value); err != nil {
			return nil, fmt.Errorf("response header %q doesn't match the schema: %v", name, err)
		}
		rest.Del(name)
	}
	return rest, nil
}

func (c *checker) fail(name, why string) {
	c.failed++
	if len(why) > 600 {
		why = why[:600] + "..."
	}
	fmt.Printf("FAIL %-32s %s\n", name, why)
}
