// Runs before the page is first drawn: with script, the page's styles may fold the places and
// the clock into a menu at phone width (page.js opens it); without, everything stays in view.
"use strict";
document.documentElement.classList.add("js");
