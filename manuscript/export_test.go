package manuscript

// RenderEpisode renders one episode's source as if it were file inside the
// manuscript folder dir, for tools and tests that hold text rather than a
// folder. It returns the XHTML fragment or the episode's errors.
func RenderEpisode(cfg *Config, dir, file string, src []byte, opt Options) ([]byte, error) {
	level := 1
	r := newRenderer(cfg, dir, opt.ImagePrefix, level)
	ep := &Episode{Index: 1, File: file, Source: src}
	if errs, _ := r.render(ep); len(errs) > 0 {
		errs.sort()
		return nil, errs
	}
	return ep.Body, nil
}
