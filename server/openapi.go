package server

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openapiDoc is the OpenAPI 3 description of the JSON API: the contract
// editor plugins and other clients build on. openapi_test.go checks it
// against the routes the server registers, the parameters its handlers
// accept and the answers they give; docs/api.md explains it.
//
//go:embed openapi.json
var openapiDoc []byte

// openapi handles GET /api/v1/openapi.json. It needs no index generation,
// so it answers while the server starts too.
func (s *Server) openapi(c *gin.Context) {
	if notModifiedToStar(c) {
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", openapiDoc)
}
