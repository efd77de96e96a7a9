; Colour hints with the shipped default model: on a page of three boxes enclosed by ink, a red
; dot in the left box and a blue dot in the right one make those boxes red and blue (CIEDE2000
; under 10 over each box's inside), through the filter and through the batch procedure. The
; page layer and the hints layer stay as they were; a page already in colour is copied.
(define red '(220 30 30))
(define blue '(40 60 220))

; The page: white, three boxes outlined in black ink, as one gray layer named "page".
(define (make-boxes-page)
  (let* ((image (gimp-image-new 300 160 GRAY))
         (layer (gimp-layer-new image "page" 300 160 GRAY-IMAGE 100 LAYER-MODE-NORMAL)))
    (gimp-image-insert-layer image layer 0 0)
    (gimp-drawable-fill layer FILL-WHITE)
    (for-each (lambda (x)
                (paint image layer "black" (rectangle x 20 80 120))
                (paint image layer "white" (rectangle (+ x 3) 23 74 114)))
              '(10 110 210))
    (gimp-selection-none image)
    image))

; A transparent layer with a red dot in the left box and a blue one in the right.
(define (add-hints-layer image)
  (let ((hints (gimp-layer-new image "Color hints" 300 160 RGBA-IMAGE 100 LAYER-MODE-NORMAL)))
    (gimp-image-insert-layer image hints 0 0)
    (gimp-drawable-fill hints FILL-TRANSPARENT)
    (paint image hints "#dc1e1e" (ellipse 45 75 10 10))
    (paint image hints "#283cdc" (ellipse 245 75 10 10))
    (gimp-selection-none image)
    hints))

(define (check-boxes what drawable)
  (let ((left (difference-to drawable 18 28 64 104 red))
        (right (difference-to drawable 218 28 64 104 blue)))
    (display what) (display ": CIEDE2000 left/red ") (display left)
    (display ", right/blue ") (display right) (newline)
    (check (string-append what ": the left box is the red hint's color") (< left 10))
    (check (string-append what ": the right box is the blue hint's color") (< right 10))))

(check "the CIEDE2000 here matches Sharma et al.'s first test pair"
       (< (abs (- (ciede2000 '(50 2.6772 -79.7751) '(50 0 -82.7485)) 2.0425)) 0.001))

; The filter, with the hints layer as its argument.
(let* ((image (make-boxes-page))
       (page (page-layer image)))
  (gimp-image-convert-rgb image)  ; the hints layer needs an RGB image
  (let* ((hints (add-hints-layer image))
         (page-before (value-histogram page))
         (hints-before (list (gimp-drawable-get-pixel hints 50 80) (gimp-drawable-get-pixel hints 5 5)
                             (value-histogram hints))))
    (plug-in-colorize-manga #:run-mode RUN-NONINTERACTIVE #:image image #:drawables (vector page)
                            #:hints-layer hints)
    (let ((layers (gimp-image-get-layers image)))
      (check "one new layer" (= (vector-length layers) 3))
      (check-boxes "filter" (vector-ref layers 1))
      (check "the page layer is unchanged" (equal? (value-histogram page) page-before))
      (check "the hints layer is unchanged"
             (equal? (list (gimp-drawable-get-pixel hints 50 80) (gimp-drawable-get-pixel hints 5 5)
                           (value-histogram hints))
                     hints-before))
      (check "the hints layer is still on top" (equal? (vector-ref layers 0) hints))))
  (check "the page itself as hints layer is refused"
         (fails? (lambda ()
                   (plug-in-colorize-manga #:run-mode RUN-NONINTERACTIVE #:image image
                                           #:drawables (vector page) #:hints-layer page))))
  (gimp-image-delete image))

; The batch procedure: pages/page.png with hints/page.png, and a page already in colour.
(let* ((pages (string-append work-dir "/pages"))
       (hints-dir (string-append work-dir "/hints"))
       (colored (string-append work-dir "/colored"))
       (image (make-boxes-page))
       (page (page-layer image)))
  (gimp-image-convert-rgb image)
  (export-png image (string-append pages "/page.png"))
  (let ((hints (add-hints-layer image)))
    (gimp-item-set-visible page FALSE)
    (export-png image (string-append hints-dir "/page.png"))
    (gimp-item-set-visible page TRUE)
    (gimp-image-remove-layer image hints))
  (paint image page "#3c9b3c" (rectangle 113 23 74 114))
  (gimp-selection-none image)
  (export-png image (string-append pages "/already-colored.png"))
  (gimp-image-delete image)

  (let ((counts (plug-in-colorize-manga-files #:run-mode RUN-NONINTERACTIVE #:input-folder pages
                                              #:output-folder colored #:hints-folder hints-dir)))
    (display counts) (newline)
    (check "one page colorized, none failed, one already in color" (equal? counts '(1 0 1))))
  (let ((out (gimp-file-load RUN-NONINTERACTIVE (string-append colored "/page.png"))))
    (check-boxes "batch" (page-layer out))
    (gimp-image-delete out))
  (let ((copy (gimp-file-load RUN-NONINTERACTIVE (string-append colored "/already-colored.png"))))
    (check "the colour page is copied as it was"
           (equal? (gimp-drawable-get-pixel (page-layer copy) 150 80) '(60 155 60)))
    (gimp-image-delete copy)))
(done)
