#!/usr/bin/env Rscript
# Reference values for lib/forecast, computed independently in R (Debian: apt-get install r-cran-forecast).
# Run from the repository root:   Rscript scripts/forecast/reference.R
# Writes tests/fixtures/forecast/reference.json. R is not a dependency of Vitrine: the JSON is committed.
#
#  - croston:  forecast::croston(y, alpha) — classic Croston, R's initialisation (first demand, first interval)
#  - sba:      forecast::croston(...) * (1 - alpha/2)   (forecast 8.20's croston has no `type` argument)
#  - ses:      forecast::ses(y, alpha, initial = "simple")
#  - tsb:      written below from Teunter, Syntetos & Babai (2011), eqs. for z and p, started at the
#              first demand (z = its size, p = 1 / its interval), the convention lib/forecast documents
#  - adida:    buckets of round(mean interval) periods counted back from the end, ses(initial = "simple")
#  - classes:  ADI = mean inter-demand interval, CV2 = (sd/mean)^2 of non-zero sizes (sample sd)
#  - quantiles: qpois / qnbinom for the lead-time demand distributions
suppressPackageStartupMessages(library(forecast))

num <- function(x) {
  if (length(x) == 0) return("[]")
  parts <- ifelse(is.na(x), "null", sprintf("%.17g", x))
  paste0("[", paste(parts, collapse = ","), "]")
}
obj <- function(...) {
  fields <- list(...)
  paste0("{", paste(sprintf("\"%s\":%s", names(fields), unlist(fields)), collapse = ","), "}")
}
str <- function(s) sprintf("\"%s\"", s)

tsb_ref <- function(x, alpha, beta) {
  first <- which(x > 0)[1]
  if (is.na(first)) return(list(point = 0, fitted = rep(NA, length(x))))
  z <- x[first]
  p <- 1 / first
  fitted <- c(NA, rep(0, length(x) - 1)) # no demand seen yet: forecast 0, as forecast::croston
  if (first < length(x)) {
    for (t in (first + 1):length(x)) {
      fitted[t] <- z * p
      if (x[t] > 0) {
        z <- z + alpha * (x[t] - z)
        p <- p + beta * (1 - p)
      } else {
        p <- p + beta * (0 - p)
      }
    }
  }
  list(point = z * p, fitted = fitted)
}

adida_ref <- function(x, alpha) {
  nz <- which(x > 0)
  intervals <- diff(c(0, nz))
  k <- max(1, round(mean(intervals)))
  m <- floor(length(x) / k)
  kept <- x[(length(x) - m * k + 1):length(x)]
  totals <- colSums(matrix(kept, nrow = k))
  list(point = ses(totals, alpha = alpha, initial = "simple", h = 1)$mean[1] / k, bucket = k)
}

classify_ref <- function(x) {
  nz <- x[x > 0]
  adi <- mean(diff(c(0, which(x > 0))))
  cv2 <- if (length(nz) > 1) (sd(nz) / mean(nz))^2 else 0
  list(adi = adi, cv2 = cv2)
}

set.seed(20240601)
simulate <- function(n, p, size_mu, size_k) {
  occur <- rbinom(n, 1, p)
  sizes <- 1 + rnbinom(n, size = size_k, mu = size_mu)
  occur * sizes
}
cases <- list(
  list(name = "textbook", y = c(0, 2, 0, 0, 1, 0, 3, 0, 0, 0, 2, 1, 0, 0, 4, 0, 0, 1, 0, 0), alpha = 0.1),
  list(name = "leading zeros", y = c(0, 0, 0, 0, 5, 0, 0, 3, 0, 0, 0, 0, 0, 6, 0, 2, 0, 0, 0, 0), alpha = 0.1),
  list(name = "single demand", y = c(0, 0, 0, 4, 0, 0, 0, 0), alpha = 0.1),
  list(name = "two demands ending in zeros", y = c(1, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0), alpha = 0.2),
  list(name = "smooth", y = c(3, 5, 4, 6, 2, 5, 4, 3, 7, 5, 4, 6, 5, 3, 4), alpha = 0.3),
  list(name = "lumpy", y = c(0, 0, 12, 0, 0, 0, 1, 0, 0, 20, 0, 0, 0, 0, 2, 0, 0, 0, 15, 0, 0, 1), alpha = 0.15),
  list(name = "high alpha", y = c(0, 1, 0, 2, 0, 0, 1, 3, 0, 0, 0, 1), alpha = 0.9)
)
for (i in 1:8) {
  cases[[length(cases) + 1]] <- list(
    name = sprintf("simulated %d", i),
    y = simulate(104, p = c(0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.15, 0.4)[i], size_mu = c(0.5, 1, 2, 4, 1, 0.3, 8, 2)[i], size_k = 1.5),
    alpha = c(0.05, 0.1, 0.1, 0.2, 0.1, 0.3, 0.1, 0.25)[i]
  )
}

entries <- character(0)
for (case in cases) {
  y <- case$y
  a <- case$alpha
  if (sum(y > 0) < 1) stop(sprintf("case %s needs a demand", case$name))
  cr <- croston(y, h = 1, alpha = a)
  s <- ses(y, alpha = a, initial = "simple", h = 1)
  t <- tsb_ref(y, alpha = a, beta = a / 2)
  ad <- adida_ref(y, alpha = a)
  cl <- classify_ref(y)
  entries <- c(entries, obj(
    name = str(case$name), history = num(y), alpha = num(a), beta = num(a / 2),
    croston = obj(point = num(cr$mean[1]), fitted = num(as.numeric(cr$fitted))),
    sba = obj(point = num(cr$mean[1] * (1 - a / 2))),
    ses = obj(point = num(s$mean[1]), fitted = num(as.numeric(s$fitted))),
    tsb = obj(point = num(t$point), fitted = num(t$fitted)),
    adida = obj(point = num(ad$point), bucket = num(ad$bucket)),
    classification = obj(adi = num(cl$adi), cv2 = num(cl$cv2))
  ))
}

quantiles <- character(0)
for (q in list(c(0.3, 0.95), c(2.5, 0.9), c(0.02, 0.99), c(7, 0.5), c(40, 0.98))) {
  quantiles <- c(quantiles, obj(distribution = str("poisson"), mean = num(q[1]), level = num(q[2]), quantile = num(qpois(q[2], q[1]))))
}
for (q in list(c(0.3, 1.8, 0.95), c(2.5, 4, 0.9), c(0.05, 12, 0.99), c(7, 2, 0.5), c(40, 3, 0.98), c(1.2, 25, 0.8))) {
  # q = (mean, variance-to-mean ratio, level); size r = mean / (ratio - 1)
  quantiles <- c(quantiles, obj(distribution = str("negative_binomial"), mean = num(q[1]), dispersion = num(q[2]), level = num(q[3]),
    quantile = num(qnbinom(q[3], size = q[1] / (q[2] - 1), mu = q[1]))))
}

out <- paste0("{\"generator\":", str(sprintf("scripts/forecast/reference.R with R %s, forecast %s", getRversion(), packageVersion("forecast"))),
  ",\"cases\":[\n", paste(entries, collapse = ",\n"), "\n],\"quantiles\":[\n", paste(quantiles, collapse = ",\n"), "\n]}\n")
dir.create("tests/fixtures/forecast", recursive = TRUE, showWarnings = FALSE)
writeLines(out, "tests/fixtures/forecast/reference.json", sep = "")
cat("wrote tests/fixtures/forecast/reference.json:", length(entries), "series,", length(quantiles), "quantiles\n")
