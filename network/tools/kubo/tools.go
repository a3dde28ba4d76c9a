//go:build tools

// Package tools pins the Kubo command dln builds; see network/lib/build.sh.
package tools

import _ "github.com/ipfs/kubo/cmd/ipfs"
