package sim

// webimRestartProduct: the Webim endpoints check_webim_restart reads
// (/l/a/monitor, /l/i/instance-id; seed 000). Authentication is the Webim
// service login, handled by webimProduct, which owns every /l/ path.
func webimRestartProduct() product {
	return product{
		owns:    func(string) bool { return false },
		healthy: map[string]Answer{},
	}
}
