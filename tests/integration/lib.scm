; Helpers for the integration tests, loaded before each test file. A test prints one
; "ok: ..." or "FAIL: ..." line per check and "DONE" when it got to its end.
(script-fu-use-v3)

(define (check name passed)
  (display (if passed "ok: " "FAIL: "))
  (display name)
  (newline))

(define (done) (display "DONE") (newline))

; True when calling `thunk` raised an error, as a procedure returning an error status does.
(define (fails? thunk) (catch #t (thunk) #f))

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
  (not (fails? (lambda () (close-input-port (open-input-file path))))))

(define (write-text-file path text)
  (let ((port (open-output-file path)))
    (display text port)
    (close-output-port port)))

; Needs `--with file-png` in meson.build.
(define (export-png image path)
  (file-png-export #:run-mode RUN-NONINTERACTIVE #:image image #:file path))
