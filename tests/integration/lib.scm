; Helpers for the integration tests, loaded before each test file. A test prints one
; "ok: ..." or "FAIL: ..." line per check and "DONE" when it got to its end.
(script-fu-use-v3)

(define (check name passed)
  (display (if passed "ok: " "FAIL: "))
  (display name)
  (newline))

(define (done) (display "DONE") (newline))

; The message of the last error raised, kept by TinyScheme's error hook on its way to `catch`.
(define last-error "")
(set! *error-hook* (lambda (message . irritants)
                     (set! last-error message)
                     (apply throw message irritants)))

; True when calling `thunk` raised an error, as a procedure returning an error status does. The
; error's message is printed: GIMP 3.0 prints a failing call's message itself, GIMP 3.2 only in
; interactive runs, and tests look for it in the output.
(define (fails? thunk)
  (catch (begin (display "error: ") (display last-error) (newline) #t)
         (thunk)
         #f))

(define (paint image layer color select)
  (select image)
  (gimp-context-set-foreground color)
  (gimp-drawable-edit-fill layer FILL-FOREGROUND))

(define (rectangle x y w h)
  (lambda (image) (gimp-image-select-rectangle image CHANNEL-OP-REPLACE x y w h)))

(define (ellipse x y w h)
  (lambda (image) (gimp-image-select-ellipse image CHANNEL-OP-REPLACE x y w h)))

; A small grayscale page like a manga panel: white paper, an ink frame, a gray (toned) area
; and an ink disc. Returns the image; its only layer is named "page".
(define (make-page precision)
  (let* ((image (gimp-image-new-with-precision 128 96 GRAY precision))
         (layer (gimp-layer-new image "page" 128 96 GRAY-IMAGE 100 LAYER-MODE-NORMAL)))
    (gimp-image-insert-layer image layer 0 0)
    (gimp-drawable-fill layer FILL-WHITE)
    (paint image layer "black" (rectangle 4 4 120 88))
    (paint image layer "white" (rectangle 8 8 112 80))
    (paint image layer "#808080" (rectangle 16 16 48 64))
    (paint image layer "black" (ellipse 72 24 40 40))
    (gimp-selection-none image)
    image))

(define (page-layer image) (vector-ref (gimp-image-get-layers image) 0))

(define sample-points '((1 1) (5 5) (10 10) (20 40) (90 40) (100 80) (127 95)))

; The first channel at the sample points: gray stays equal to red when the image becomes RGB.
(define (samples drawable)
  (map (lambda (point) (car (gimp-drawable-get-pixel drawable (car point) (cadr point))))
       sample-points))

(define (value-histogram drawable)
  (gimp-drawable-histogram drawable HISTOGRAM-VALUE 0.0 1.0))

(define (alpha-at drawable x y)
  (list-ref (gimp-drawable-get-pixel drawable x y) 3))

(define (colorize image drawable)
  (plug-in-colorize-manga #:run-mode RUN-NONINTERACTIVE #:image image
                          #:drawables (vector drawable)))

(define (check-unchanged image source before-samples)
  (check "the image still has one layer" (= (vector-length (gimp-image-get-layers image)) 1))
  (check "the image is still grayscale" (= (gimp-image-get-base-type image) GRAY))
  (check "the source pixels are unchanged" (equal? (samples source) before-samples)))

; What every colorizing run into a new layer must leave: the source untouched, and above it
; an RGBA layer named after the source and the model.
(define (check-new-layer image source before-samples before-histogram)
  (let ((layers (gimp-image-get-layers image)))
    (check "the image has two layers" (= (vector-length layers) 2))
    (check "the image is RGB" (= (gimp-image-get-base-type image) RGB))
    (let ((new-layer (vector-ref layers 0)))
      (check "the new layer is above the source" (equal? (vector-ref layers 1) source))
      (check "the new layer is RGB" (gimp-drawable-is-rgb new-layer))
      (check "the new layer has alpha" (gimp-drawable-has-alpha new-layer))
      (check "the new layer is named after source and model"
             (string=? (gimp-item-get-name new-layer) "page (colorized, untrained)"))
      (check "the source pixels are unchanged" (equal? (samples source) before-samples))
      (check "the source histogram is unchanged"
             (equal? (value-histogram source) before-histogram))
      new-layer)))

; How colorful a layer is, 0 for gray: the mean over pixels of the largest difference between
; a channel and the pixel's luminance, in 0..255 units. Adds a layer to the image for the measurement.
(define (mean-chroma image layer)
  (let ((base (gimp-layer-copy layer))
        (luminance (gimp-layer-copy layer)))
    (gimp-image-insert-layer image base 0 0)
    (gimp-image-insert-layer image luminance 0 0)
    (gimp-drawable-desaturate luminance DESATURATE-LUMINANCE)
    (gimp-layer-set-mode luminance LAYER-MODE-DIFFERENCE)
    (car (value-histogram (gimp-image-merge-down image luminance EXPAND-AS-NECESSARY)))))

; For the tests of the image-independent procedures: files on disk.
(define (file-exists? path)
  (catch #f (close-input-port (open-input-file path)) #t))

(define (write-text-file path text)
  (let ((port (open-output-file path)))
    (display text port)
    (close-output-port port)))

; Needs `--with file-png` in meson.build.
(define (export-png image path)
  (file-png-export #:run-mode RUN-NONINTERACTIVE #:image image #:file path))

; CIELAB (D65) of an 8-bit sRGB colour given as a list (r g b ...).
(define (lab-of-rgb rgb)
  (define (linear v)
    (let ((c (/ v 255.0)))
      (if (<= c 0.04045) (/ c 12.92) (expt (/ (+ c 0.055) 1.055) 2.4))))
  (define (f t) (if (> t 0.008856) (expt t (/ 1.0 3)) (+ (* 7.787 t) (/ 16.0 116))))
  (let* ((r (linear (car rgb))) (g (linear (cadr rgb))) (b (linear (caddr rgb)))
         (x (/ (+ (* 0.4124 r) (* 0.3576 g) (* 0.1805 b)) 0.95047))
         (y (+ (* 0.2126 r) (* 0.7152 g) (* 0.0722 b)))
         (z (/ (+ (* 0.0193 r) (* 0.1192 g) (* 0.9505 b)) 1.08883)))
    (list (- (* 116 (f y)) 16) (* 500 (- (f x) (f y))) (* 200 (- (f y) (f z))))))

; The CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu and Dalal's formulation).
(define (ciede2000 lab1 lab2)
  (define pi 3.14159265358979)
  (define (deg r) (* r (/ 180 pi)))
  (define (rad d) (* d (/ pi 180)))
  (define (hue b a) (if (and (= a 0) (= b 0)) 0 (let ((h (deg (atan b a)))) (if (< h 0) (+ h 360) h))))
  (let* ((l1 (car lab1)) (a1 (cadr lab1)) (b1 (caddr lab1))
         (l2 (car lab2)) (a2 (cadr lab2)) (b2 (caddr lab2))
         (c-mean (/ (+ (sqrt (+ (* a1 a1) (* b1 b1))) (sqrt (+ (* a2 a2) (* b2 b2)))) 2))
         (c7 (expt c-mean 7))
         (g (* 0.5 (- 1 (sqrt (/ c7 (+ c7 (expt 25 7)))))))
         (a1p (* a1 (+ 1 g))) (a2p (* a2 (+ 1 g)))
         (c1p (sqrt (+ (* a1p a1p) (* b1 b1)))) (c2p (sqrt (+ (* a2p a2p) (* b2 b2))))
         (h1p (hue b1 a1p)) (h2p (hue b2 a2p))
         (dl (- l2 l1)) (dc (- c2p c1p))
         (dh-angle (cond ((= (* c1p c2p) 0) 0)
                         ((<= (abs (- h2p h1p)) 180) (- h2p h1p))
                         ((> (- h2p h1p) 180) (- h2p h1p 360))
                         (else (+ (- h2p h1p) 360))))
         (dh (* 2 (sqrt (* c1p c2p)) (sin (rad (/ dh-angle 2)))))
         (l-mean (/ (+ l1 l2) 2)) (cp-mean (/ (+ c1p c2p) 2))
         (h-mean (cond ((= (* c1p c2p) 0) (+ h1p h2p))
                       ((<= (abs (- h1p h2p)) 180) (/ (+ h1p h2p) 2))
                       ((< (+ h1p h2p) 360) (/ (+ h1p h2p 360) 2))
                       (else (/ (+ h1p h2p -360) 2))))
         (t (+ 1 (* -0.17 (cos (rad (- h-mean 30)))) (* 0.24 (cos (rad (* 2 h-mean))))
               (* 0.32 (cos (rad (+ (* 3 h-mean) 6)))) (* -0.20 (cos (rad (- (* 4 h-mean) 63))))))
         (d-theta (* 30 (exp (- (expt (/ (- h-mean 275) 25) 2)))))
         (cp7 (expt cp-mean 7))
         (rc (* 2 (sqrt (/ cp7 (+ cp7 (expt 25 7))))))
         (l50 (expt (- l-mean 50) 2))
         (sl (+ 1 (/ (* 0.015 l50) (sqrt (+ 20 l50)))))
         (sc (+ 1 (* 0.045 cp-mean)))
         (sh (+ 1 (* 0.015 cp-mean t)))
         (rt (- (* (sin (rad (* 2 d-theta))) rc))))
    (sqrt (+ (expt (/ dl sl) 2) (expt (/ dc sc) 2) (expt (/ dh sh) 2)
             (* rt (/ dc sc) (/ dh sh))))))

; Mean CIEDE2000 between `rgb` (8-bit list) and the drawable's pixels on a 6 x 6 grid spread
; over the rectangle x y w h.
(define (difference-to drawable x y w h rgb)
  (let ((target (lab-of-rgb rgb)) (sum 0))
    (do ((i 0 (+ i 1))) ((= i 6))
      (do ((j 0 (+ j 1))) ((= j 6))
        (let ((pixel (gimp-drawable-get-pixel drawable (+ x (quotient (* i (- w 1)) 5))
                                              (+ y (quotient (* j (- h 1)) 5)))))
          (set! sum (+ sum (ciede2000 (lab-of-rgb pixel) target))))))
    (/ sum 36)))
