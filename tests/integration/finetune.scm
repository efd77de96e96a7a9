; A short fine-tune on three colored pages from the (tiny) default model: the new model lands in
; the user's models folder, and the colorize procedure runs with it.
(define (make-colored-page color)
  (let ((image (make-page PRECISION-U8-NON-LINEAR)))
    (gimp-image-convert-rgb image)
    (paint image (page-layer image) color (rectangle 16 16 48 64))
    (gimp-selection-none image)
    image))

(for-each (lambda (name color)
            (let ((page (make-colored-page color)))
              (export-png page (string-append work-dir "/" name ".png"))
              (gimp-image-delete page)))
          '("p1" "p2" "p3") '("#e03030" "#30a0e0" "#f0c040"))

(let ((expected (string-append gimp-directory "/colorize-manga/models/Test-colors.mcm"))
      (model (plug-in-colorize-manga-finetune #:run-mode RUN-NONINTERACTIVE
                                              #:colored-pages work-dir
                                              #:model-name "Test colors"
                                              #:steps 3)))
  (display model) (newline)
  (check "the new model is in the user's models folder" (file-exists? expected))
  (check "the procedure returns the new model" (equal? model expected))
  (let* ((image (make-page PRECISION-U8-NON-LINEAR))
         (source (page-layer image)))
    (plug-in-colorize-manga #:run-mode RUN-NONINTERACTIVE #:image image
                            #:drawables (vector source) #:model expected)
    (let ((layers (gimp-image-get-layers image)))
      (check "the new model colorized a page" (= (vector-length layers) 2))
      (check "the layer is named after the new model"
             (string=? (gimp-item-get-name (vector-ref layers 0)) "page (colorized, Test colors)")))
    (gimp-image-delete image)))

; B/W pages from a folder of their own, matched by name (here the same pages, to keep it short).
(plug-in-colorize-manga-finetune #:run-mode RUN-NONINTERACTIVE #:colored-pages work-dir
                                 #:bw-pages work-dir #:model-name "Paired" #:steps 1)
(check "a model from colored and B/W folders is saved"
       (file-exists? (string-append gimp-directory "/colorize-manga/models/Paired.mcm")))

(check "a folder without pages fails"
       (fails? (lambda ()
                 (plug-in-colorize-manga-finetune #:run-mode RUN-NONINTERACTIVE
                                                  #:colored-pages (string-append test-dir "/none")
                                                  #:model-name "Nothing" #:steps 3))))
; A model file that no fine-tune of that name left behind (no checkpoint) is the user's own.
(write-text-file (string-append gimp-directory "/colorize-manga/models/Taken.mcm") "mine")
(check "a model of that name is not overwritten"
       (fails? (lambda ()
                 (plug-in-colorize-manga-finetune #:run-mode RUN-NONINTERACTIVE
                                                  #:colored-pages work-dir
                                                  #:model-name "Taken" #:steps 3))))
(done)
