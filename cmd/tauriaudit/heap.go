package main

import "github.com/tauriaudit/tauriaudit/internal/scanheap"

// heapReserve is the heap a scan is given up front in huge pages
// (internal/scanheap): enough for one large app (HuLa peaks near 20 MB);
// a monorepo grows past it in ordinary pages.
const heapReserve = 64 << 20

// prepareHeap is called by the commands that build an app model.
func prepareHeap() { scanheap.Prepare(heapReserve) }
