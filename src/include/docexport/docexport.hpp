// docexport: article feeds, text and Markdown into a document model, and out as EPUB and PDF.
#pragma once

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>
#include <docexport/options.hpp>
#include <docexport/readers.hpp>
#include <docexport/styles.hpp>
#include <docexport/version.hpp>
#include <docexport/versions.hpp>
#include <docexport/writers.hpp>
