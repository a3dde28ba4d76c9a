//go:build tools

// Package tools pins the IPFS Cluster commands dln builds for the namespace hosts; see network/lib/build.sh.
package tools

import (
	_ "github.com/ipfs-cluster/ipfs-cluster/cmd/ipfs-cluster-ctl"
	_ "github.com/ipfs-cluster/ipfs-cluster/cmd/ipfs-cluster-service"
)
