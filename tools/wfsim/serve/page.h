// wfsim serve: the one page (HTML, CSS and a small script), held in the
// binary; it fetches nothing from the internet.
#pragma once

namespace wfsim::serve {

extern const char* const kPageHtml;

}  // namespace wfsim::serve
