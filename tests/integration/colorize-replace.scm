; Colorizes into the layer itself: no new layer, the paper gets the model's colors and the ink
; stays black.
(let* ((image (make-page PRECISION-U8-NON-LINEAR))
       (source (page-layer image)))
  (plug-in-colorize-manga #:run-mode RUN-NONINTERACTIVE #:image image
                          #:drawables (vector source) #:output "replace")
  (check "the image still has one layer" (= (vector-length (gimp-image-get-layers image)) 1))
  (check "the image is RGB" (= (gimp-image-get-base-type image) RGB))
  (check "the paper changed" (not (equal? (gimp-drawable-get-pixel source 10 10) '(255 255 255))))
  (check "the ink stays black" (equal? (gimp-drawable-get-pixel source 5 5) '(0 0 0)))
  (gimp-image-delete image))
(done)
