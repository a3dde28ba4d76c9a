//go:build tools

// Package tools pins the Fabric CA commands dln builds for the namespace hosts; see network/lib/build.sh.
package tools

import (
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-client"
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-server"
)
